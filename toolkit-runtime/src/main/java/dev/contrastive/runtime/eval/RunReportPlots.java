package dev.contrastive.runtime.eval;

import dev.contrastive.runtime.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The PNG plots of a run's report, drawn with XChart off-screen. */
final class RunReportPlots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private RunReportPlots() {
    }

    /** One line: its x and y values, of equal length. */
    record Line(double[] x, double[] y) {
    }

    /**
     * Loss terms (left axis) and learning rate (right axis) per logged step.
     *
     * @param terms each loss term per step
     * @param lr the learning rate per step
     */
    static void loss(Map<String, Line> terms, Line lr, Path png) throws IOException {
        XYChart chart = chart("Loss terms and learning rate per step", "step", "loss");
        for (Map.Entry<String, Line> term : terms.entrySet()) {
            line(chart.addSeries(term.getKey(), term.getValue().x(), term.getValue().y()));
        }
        chart.setYAxisGroupTitle(0, "loss");
        XYSeries rate = chart.addSeries("lr", lr.x(), lr.y());
        line(rate);
        rate.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "learning rate");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        save(chart, png);
    }

    /** Accuracy in percent per epoch, a line per metric. */
    static void accuracy(String title, Map<String, Line> series, Path png) throws IOException {
        XYChart chart = chart(title, "epoch", "top-1 (%)");
        for (Map.Entry<String, Line> metric : series.entrySet()) {
            chart.addSeries(metric.getKey(), metric.getValue().x(), metric.getValue().y())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setXAxisDecimalPattern("#");
        save(chart, png);
    }

    private static XYChart chart(String title, String x, String y) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** Lines without markers once there are too many points to mark each. */
    private static void line(XYSeries series) {
        series.setMarker(series.getXData().length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    private static void save(XYChart chart, Path png) throws IOException {
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
