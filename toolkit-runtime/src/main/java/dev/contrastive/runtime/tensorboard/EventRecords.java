package dev.contrastive.runtime.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorBoard's event-file format: records framed as TFRecord frames them (a little-endian
 * {@code uint64} length, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the
 * data), each an {@code Event} message of TensorFlow's {@code event.proto} written field by field
 * with protobuf's {@link CodedOutputStream} (no generated classes): {@code wall_time} (1),
 * {@code step} (2), {@code file_version} (3) or {@code summary} (5), whose {@code Summary.Value}s
 * (1) carry a {@code tag} (1) and a {@code simple_value} (2) or an {@code image} (4: height 1,
 * width 2, colorspace 3, encoded_image_string 4). {@link #read} reads back what it needs of such
 * files: each event's step and tags.
 */
public final class EventRecords {

    /** The first event of every file: TensorBoard reads files that start with it. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final int MASK_DELTA = 0xa282ead8;

    private EventRecords() {
    }

    /** TFRecord's masked CRC-32C: the checksum rotated right by 15 bits plus a constant. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    /** One record: length, its masked CRC, {@code data}, its masked CRC. */
    public static byte[] frame(byte[] data) {
        ByteBuffer record = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(data.length);
        record.putInt(maskedCrc(record.array(), 0, 8));
        record.put(data);
        record.putInt(maskedCrc(data, 0, data.length));
        return record.array();
    }

    /** The file-version event that opens a file. */
    public static byte[] fileVersion(double wallTime) {
        return event(wallTime, 0, out -> out.writeString(3, FILE_VERSION));
    }

    /** An event of one scalar summary, {@code simple_value} a float32 as TensorBoard stores it. */
    public static byte[] scalar(double wallTime, long step, String tag, float value) {
        return summary(wallTime, step, tag, out -> out.writeFloat(2, value));
    }

    /**
     * An event of one image summary.
     *
     * @param png the encoded image, stored as it is
     * @param channels 1 (grey) or 3 (RGB): the summary's colorspace
     */
    public static byte[] image(double wallTime, long step, String tag, byte[] png, int height, int width,
            int channels) {
        byte[] image = message(out -> {
            out.writeInt32(1, height);
            out.writeInt32(2, width);
            out.writeInt32(3, channels);
            out.writeBytes(4, ByteString.copyFrom(png));
        });
        return summary(wallTime, step, tag, out -> out.writeByteArray(4, image));
    }

    private static byte[] summary(double wallTime, long step, String tag, Fields content) {
        byte[] value = message(out -> {
            out.writeString(1, tag);
            content.write(out);
        });
        byte[] summary = message(out -> out.writeByteArray(1, value));
        return event(wallTime, step, out -> out.writeByteArray(5, summary));
    }

    private static byte[] event(double wallTime, long step, Fields content) {
        return message(out -> {
            out.writeDouble(1, wallTime);
            if (step != 0) {
                out.writeInt64(2, step); // proto3 leaves a field at its default out
            }
            content.write(out);
        });
    }

    /** Fields of one message, written in field order. */
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a stream in memory
        }
        return bytes.toByteArray();
    }

    /**
     * An event's step and the tags of its summary values (none for the file-version event).
     *
     * @param step the event's step
     * @param tags the tags it holds
     */
    public record Tagged(long step, List<String> tags) {
    }

    /**
     * The events of a file's bytes, in order, up to the first record that is cut short or fails a
     * checksum (what a process killed while writing leaves): nothing after it is trusted.
     */
    public static List<Tagged> read(byte[] file) {
        List<Tagged> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 12) {
            int at = in.position();
            long length = in.getLong();
            if (in.getInt() != maskedCrc(file, at, 8) || length < 0 || length > in.remaining() - 4) {
                break;
            }
            int data = in.position();
            in.position(data + (int) length);
            if (in.getInt() != maskedCrc(file, data, (int) length)) {
                break;
            }
            try {
                events.add(tagged(CodedInputStream.newInstance(file, data, (int) length)));
            } catch (IOException e) {
                break;
            }
        }
        return events;
    }

    private static Tagged tagged(CodedInputStream event) throws IOException {
        long step = 0;
        List<String> tags = new ArrayList<>();
        for (int tag = event.readTag(); tag != 0; tag = event.readTag()) {
            if (tag == WireTags.STEP) {
                step = event.readInt64();
            } else if (tag == WireTags.SUMMARY) {
                CodedInputStream summary = event.readBytes().newCodedInput();
                for (int s = summary.readTag(); s != 0; s = summary.readTag()) {
                    if (s == WireTags.SUMMARY_VALUE) {
                        tags.add(tagOf(summary.readBytes().newCodedInput()));
                    } else {
                        summary.skipField(s);
                    }
                }
            } else {
                event.skipField(tag);
            }
        }
        return new Tagged(step, tags);
    }

    private static String tagOf(CodedInputStream value) throws IOException {
        for (int t = value.readTag(); t != 0; t = value.readTag()) {
            if (t == WireTags.VALUE_TAG) {
                return value.readString();
            }
            value.skipField(t);
        }
        return "";
    }

    /** Wire tags ({@code field << 3 | wire type}) of the fields {@link #read} looks at. */
    private static final class WireTags {
        static final int STEP = 2 << 3;                 // Event.step, varint
        static final int SUMMARY = 5 << 3 | 2;          // Event.summary, length-delimited
        static final int SUMMARY_VALUE = 1 << 3 | 2;    // Summary.value
        static final int VALUE_TAG = 1 << 3 | 2;        // Summary.Value.tag
    }
}
