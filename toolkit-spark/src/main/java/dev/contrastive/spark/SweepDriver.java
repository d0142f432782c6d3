package dev.contrastive.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The Spark driver of {@code toolkit sweep --engine spark}, started by the toolkit in a JVM of
 * its own ({@code java -jar toolkit-spark.jar JOB_FILE}): ships the job's plugin JARs and run
 * files, runs one task per pending variant, and reports each task to the toolkit on standard
 * output ({@link DriverEvents}); Spark's own logging goes to standard error.
 */
public final class SweepDriver {

    private SweepDriver() {
    }

    /** Runs the job of {@code args[0]}; exits 0 when every task returned, 1 when the job was aborted. */
    public static void main(String[] args) {
        // Spark's launcher sets this for Netty, which reads it once, before any of its classes load
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        DriverEvents events = new DriverEvents(System.out);
        System.setOut(System.err);
        try {
            run(SparkJob.read(Path.of(args[0])), events);
        } catch (Exception e) {
            e.printStackTrace();
            events.aborted(String.valueOf(rootMessage(e)));
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(SparkJob job, DriverEvents events) throws Exception {
        SparkConf conf = new SparkConf().setMaster(job.master()).setAppName(job.appName());
        job.conf().forEach(conf::set);
        if (job.secretFile() != null) {
            // in this JVM only: Spark keeps it off the executors' command lines (SparkConf.isExecutorStartupConf)
            conf.set(MasterAuthentication.SECRET, MasterAuthentication.readSecret(job.secretFile()));
            MasterAuthentication.check(job.master(), conf, job.secretFile());
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.addJar(Path.of(SweepDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
            spark.sc().addArchive(ShippedArchive.zip(job.ship(), job.ship().resolveSibling(SparkJob.SHIPPED)).toString());
            spark.sc().addSparkListener(new TaskEvents(events, job.tasks()));
            RDD<VariantTask> tasks = spark.parallelize(job.tasks(), job.tasks().size()).rdd();
            spark.sc().runJob(tasks, new RunTask(), new AbstractFunction2<Object, TaskOutcome, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Object partition, TaskOutcome outcome) {
                    events.finished(outcome);
                    return BoxedUnit.UNIT;
                }
            }, ClassTag$.MODULE$.apply(TaskOutcome.class));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** A task's work on its partition: the one variant in it. */
    private static final class RunTask extends AbstractFunction2<TaskContext, Iterator<VariantTask>, TaskOutcome>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public TaskOutcome apply(TaskContext context, Iterator<VariantTask> partition) {
            try {
                return partition.next().run(context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("task interrupted", e);
            }
        }
    }
}
