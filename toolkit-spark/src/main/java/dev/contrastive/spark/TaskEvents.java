package dev.contrastive.spark;

import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;

import java.util.List;

/** Reports each task attempt's start, and each failed attempt that Spark retries (a worker that died). */
final class TaskEvents extends SparkListener {

    private final DriverEvents events;
    private final List<VariantTask> tasks;

    /** @param tasks the job's tasks, by partition */
    TaskEvents(DriverEvents events, List<VariantTask> tasks) {
        this.events = events;
        this.tasks = tasks;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        TaskInfo info = start.taskInfo();
        events.started(tasks.get(info.index()).variant(), info.host(), info.attemptNumber() + 1);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof TaskFailedReason failed) {
            TaskInfo info = end.taskInfo();
            events.lost(tasks.get(info.index()).variant(), info.host(), info.attemptNumber() + 1,
                    failed.toErrorString());
        }
    }
}
