"""Reads TensorBoard event files as an independent check of the toolkit's writer.

Usage: /usr/bin/python3 read_events.py TB_FOLDER > events.json

Every file whose name holds "tfevents", in name order (as TensorBoard reads them), record by record:
the TFRecord framing (uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the data),
both checksums verified, each record parsed as TensorFlow's Event message with Debian's
python3-protobuf, from a descriptor of the subset of event.proto / summary.proto built here (the
field numbers are TensorFlow's). A bad checksum or an event that protobuf would not encode to the
same bytes (a field event.proto does not have, say) exits 1; a file's last record cut short (by a
kill while writing it) ends that file and names it in "torn".
Prints one JSON object: {"files": [...], "torn": [...], "events": [{"file", "step", "wall_time", ...}]} with
"file_version", or "tag" and "value" (a float32, as decoded) or "image" (height, width,
colorspace, the PNG as base64).
"""
import base64
import json
import os
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

F = descriptor_pb2.FieldDescriptorProto


def _message(file, name, fields, oneof=None):
    message = file.message_type.add(name=name)
    if oneof:
        message.oneof_decl.add(name=oneof[0])
    for field_name, number, kind, label, type_name in fields:
        field = message.field.add(name=field_name, number=number, type=kind, label=label)
        if type_name:
            field.type_name = type_name
        if oneof and field_name in oneof[1]:
            field.oneof_index = 0
    return message


def _classes():
    proto = descriptor_pb2.FileDescriptorProto(name="tb_subset.proto", package="tensorboard", syntax="proto3")
    opt = F.LABEL_OPTIONAL
    _message(proto, "Image", [("height", 1, F.TYPE_INT32, opt, None), ("width", 2, F.TYPE_INT32, opt, None),
                              ("colorspace", 3, F.TYPE_INT32, opt, None),
                              ("encoded_image_string", 4, F.TYPE_BYTES, opt, None)])
    _message(proto, "Value", [("node_name", 7, F.TYPE_STRING, opt, None), ("tag", 1, F.TYPE_STRING, opt, None),
                              ("simple_value", 2, F.TYPE_FLOAT, opt, None),
                              ("image", 4, F.TYPE_MESSAGE, opt, ".tensorboard.Image")],
             oneof=("value", ("simple_value", "image")))
    _message(proto, "Summary", [("value", 1, F.TYPE_MESSAGE, F.LABEL_REPEATED, ".tensorboard.Value")])
    _message(proto, "Event", [("wall_time", 1, F.TYPE_DOUBLE, opt, None), ("step", 2, F.TYPE_INT64, opt, None),
                              ("file_version", 3, F.TYPE_STRING, opt, None),
                              ("summary", 5, F.TYPE_MESSAGE, opt, ".tensorboard.Summary")])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    descriptor = pool.FindMessageTypeByName("tensorboard.Event")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = _crc32c_table()


def masked_crc(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    crc ^= 0xFFFFFFFF
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main(folder):
    event_class = _classes()
    names = sorted(n for n in os.listdir(folder) if "tfevents" in n)
    events = []
    torn = []
    for name in names:
        data = open(os.path.join(folder, name), "rb").read()
        at = 0
        first = True
        while at < len(data):
            if len(data) - at < 12:
                torn.append(name)  # the file's last record, cut short by a kill
                break
            header = data[at:at + 8]
            (length,) = struct.unpack("<Q", header)
            (length_crc,) = struct.unpack("<I", data[at + 8:at + 12])
            if masked_crc(header) != length_crc:
                fail(f"{name}: the length's CRC at {at} does not check")
            if len(data) < at + 16 + length:
                torn.append(name)
                break
            body = data[at + 12:at + 12 + length]
            (body_crc,) = struct.unpack("<I", data[at + 12 + length:at + 16 + length])
            if masked_crc(body) != body_crc:
                fail(f"{name}: the data's CRC at {at} does not check")
            at += 16 + length
            event = event_class()
            event.ParseFromString(body)
            if event.SerializeToString() != body:
                # fields event.proto does not have, or not in protobuf's canonical encoding
                fail(f"{name}: the event at {at - 16 - length} is not what protobuf writes for {event}")
            record = {"file": name, "step": event.step, "wall_time": event.wall_time}
            if first:
                if event.file_version != "brain.Event:2":
                    fail(f"{name}: the first event is not the file version but {event}")
                record["file_version"] = event.file_version
                events.append(record)
                first = False
                continue
            if len(event.summary.value) != 1:
                fail(f"{name}: an event with {len(event.summary.value)} values")
            value = event.summary.value[0]
            record["tag"] = value.tag
            kind = value.WhichOneof("value")
            if kind == "image":
                record["image"] = {"height": value.image.height, "width": value.image.width,
                                   "colorspace": value.image.colorspace,
                                   "png": base64.b64encode(value.image.encoded_image_string).decode("ascii")}
            elif kind == "simple_value":
                record["value"] = value.simple_value
            else:
                fail(f"{name}: a value with neither a number nor an image: {value}")
            events.append(record)
    json.dump({"files": names, "torn": torn, "events": events}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
