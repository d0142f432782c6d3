package dev.contrastive.strongaugment;

import dev.contrastive.api.Image;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Nearest-neighbour affine resampling with black fill, as Pillow 9.4's
 * {@code Image.transform(size, AFFINE, (a, b, c, d, e, f))} and {@code Image.rotate(deg)} compute
 * it. The matrix maps an output pixel's centre {@code (x + 0.5, y + 0.5)} to the input point
 * {@code (a x + b y + c, d x + e y + f)}, whose pixel (floor of both coordinates) is copied.
 *
 * <p>Pillow evaluates that map three ways, and this class follows each one, so results agree
 * to the pixel: a pure scale/translation ({@code b == d == 0}) tabulates columns in floating
 * point; a small enough image runs in 16.16 fixed point with incremental sums; larger
 * coordinates fall back to incremental floating point.
 */
final class AffineSampler {

    /** Coordinates the 16.16 fixed-point path can represent. */
    private static final double FIXED_LIMIT = 32768.0;

    /** Pillow's rotation matrix entries for whole degrees 0..359: cos then sin, rounded. */
    private static final double[] WHOLE_DEGREE_COS_SIN = new double[720];

    static {
        for (int degrees = 0; degrees < 360; degrees++) {
            double radians = -Math.toRadians(degrees);
            WHOLE_DEGREE_COS_SIN[2 * degrees] = roundTo15Decimals(StrictMath.cos(radians));
            WHOLE_DEGREE_COS_SIN[2 * degrees + 1] = roundTo15Decimals(StrictMath.sin(radians));
        }
    }

    private AffineSampler() {
    }

    /**
     * {@code Image.rotate(degrees)}: counter-clockwise about the centre {@code (w/2, h/2)}, same
     * size, nearest neighbour, black corners.
     */
    static Image rotate(Image image, double degrees) {
        double angle = degrees % 360.0; // Python's float modulo: result in [0, 360)
        if (angle < 0) {
            angle += 360.0;
        }
        boolean square = image.width() == image.height();
        if (angle == 0) {
            return image;
        } else if (angle == 180) {
            return Transposition.ROTATE_180.apply(image);
        } else if (angle == 90 && square) {
            return Transposition.ROTATE_90.apply(image);
        } else if (angle == 270 && square) {
            return Transposition.ROTATE_270.apply(image);
        }
        double cos;
        double sin;
        if (angle == Math.rint(angle)) {
            cos = WHOLE_DEGREE_COS_SIN[2 * (int) angle];
            sin = WHOLE_DEGREE_COS_SIN[2 * (int) angle + 1];
        } else {
            double radians = -Math.toRadians(angle);
            cos = roundTo15Decimals(StrictMath.cos(radians));
            sin = roundTo15Decimals(StrictMath.sin(radians));
        }
        double centreX = image.width() / 2.0;
        double centreY = image.height() / 2.0;
        // Pillow: (c, f) = M applied to -centre, then += centre; Python evaluates left to right.
        double c = cos * -centreX + sin * -centreY + 0.0;
        double f = -sin * -centreX + cos * -centreY + 0.0;
        c += centreX;
        f += centreY;
        return transform(image, cos, sin, c, -sin, cos, f);
    }

    /** {@code Image.transform(size, AFFINE, (a, b, c, d, e, f), NEAREST)}, same size. */
    static Image transform(Image image, double a, double b, double c, double d, double e,
            double f) {
        if (b == 0 && d == 0) {
            return scaleTranslate(image, a, c, e, f);
        }
        int w = image.width();
        int h = image.height();
        if (fitsFixedPoint(a, b, c, d, e, f, 0, 0) && fitsFixedPoint(a, b, c, d, e, f, w, h)
                && fitsFixedPoint(a, b, c, d, e, f, 0, h)
                && fitsFixedPoint(a, b, c, d, e, f, w, 0)) {
            return fixedPoint(image, a, b, c, d, e, f);
        }
        return floatingPoint(image, a, b, c, d, e, f);
    }

    private static boolean fitsFixedPoint(double a, double b, double c, double d, double e,
            double f, int x, int y) {
        return Math.abs(x * a + y * b + c) < FIXED_LIMIT
                && Math.abs(x * d + y * e + f) < FIXED_LIMIT;
    }

    /** Pillow's 16.16 fixed-point engine: exact integer sums from rounded coefficients. */
    static Image fixedPoint(Image image, double a, double b, double c, double d,
            double e, double f) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int stepXx = toFixed(a);
        int stepYx = toFixed(b);
        int stepXy = toFixed(d);
        int stepYy = toFixed(e);
        int rowX = toFixed(c + a * 0.5 + b * 0.5);
        int rowY = toFixed(f + d * 0.5 + e * 0.5);
        int o = 0;
        for (int y = 0; y < h; y++) {
            int xx = rowX;
            int yy = rowY;
            for (int x = 0; x < w; x++, o += channels) {
                int xin = xx >> 16;
                if (xin >= 0 && xin < w) {
                    int yin = yy >> 16;
                    if (yin >= 0 && yin < h) {
                        copyPixel(in, (yin * w + xin) * channels, out, o, channels);
                    }
                }
                xx += stepXx;
                yy += stepXy;
            }
            rowX += stepYx;
            rowY += stepYy;
        }
        return Image.of(h, w, channels, out);
    }

    /** Pillow's floating-point engine, used when coordinates exceed the fixed-point range. */
    static Image floatingPoint(Image image, double a, double b, double c, double d,
            double e, double f) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        double rowX = c + b * 0.5 + a * 0.5;
        double rowY = f + e * 0.5 + d * 0.5;
        int o = 0;
        for (int y = 0; y < h; y++) {
            double xx = rowX;
            double yy = rowY;
            for (int x = 0; x < w; x++, o += channels) {
                int xin = coordinate(xx);
                if (xin >= 0 && xin < w) {
                    int yin = coordinate(yy);
                    if (yin >= 0 && yin < h) {
                        copyPixel(in, (yin * w + xin) * channels, out, o, channels);
                    }
                }
                xx += a;
                yy += d;
            }
            rowX += b;
            rowY += e;
        }
        return Image.of(h, w, channels, out);
    }

    /** Pillow's scale engine: input columns tabulated once, rows looked up as they come. */
    private static Image scaleTranslate(Image image, double a, double c, double e, double f) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int[] sourceColumn = new int[w];
        int firstColumn = w;
        int endColumn = 0;
        double xo = c + a * 0.5;
        for (int x = 0; x < w; x++) {
            int xin = coordinate(xo);
            if (xin >= 0 && xin < w) {
                endColumn = x + 1;
                firstColumn = Math.min(firstColumn, x);
                sourceColumn[x] = xin;
            }
            xo += a;
        }
        double yo = f + e * 0.5;
        for (int y = 0; y < h; y++) {
            int yin = coordinate(yo);
            if (yin >= 0 && yin < h) {
                int rowIn = yin * w;
                int rowOut = y * w;
                for (int x = firstColumn; x < endColumn; x++) {
                    copyPixel(in, (rowIn + sourceColumn[x]) * channels, out,
                            (rowOut + x) * channels, channels);
                }
            }
            yo += e;
        }
        return Image.of(h, w, channels, out);
    }

    private static void copyPixel(byte[] in, int from, byte[] out, int to, int channels) {
        out[to] = in[from];
        if (channels == 3) {
            out[to + 1] = in[from + 1];
            out[to + 2] = in[from + 2];
        }
    }

    /** Pillow's {@code COORD}: -1 for any negative coordinate, else truncation. */
    private static int coordinate(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    /** Pillow's {@code FIX}: nearest 16.16 fixed-point value. */
    private static int toFixed(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }

    /** Python's {@code round(v, 15)}: half-even on the exact binary value, back to a double. */
    static double roundTo15Decimals(double v) {
        return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
    }
}
