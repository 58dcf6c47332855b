#!/usr/bin/python3
"""Derives two variants of the tiny model in place, so that the Java tests cover what real exports look like.

1. model.onnx is re-saved with its weights in the external-data file model.onnx.data, as exports over 2 GB are.
2. model-fp16-io.onnx is the same graph with an fp16 signature: past_key_values.* in, present.* and logits out are
   float16, converted by Cast nodes at the boundary, and it reads the same model.onnx.data. The Java loader's fp16
   path (empty fp16 cache, fp16 cache fed back, fp16 logits) is tested with it; the weights stay fp32.

generate.py calls this at its end; it can also be run alone:  /usr/bin/python3 model/tiny-model/derive_variants.py
"""
import os
import sys

import onnx
from onnx import TensorProto, helper

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "tiny-model")


def to_external_data(directory):
    path = os.path.join(directory, "model.onnx")
    model = onnx.load(path)
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx.data", size_threshold=1024)


def fp16_io_variant(directory):
    model = onnx.load(os.path.join(directory, "model.onnx"), load_external_data=False)
    graph = model.graph
    casts_in, casts_out = [], []
    for value in graph.input:
        if value.name.startswith("past_key_values."):
            internal = value.name + "_fp32"
            for node in graph.node:
                node.input[:] = [internal if name == value.name else name for name in node.input]
            casts_in.append(helper.make_node("Cast", [value.name], [internal], to=TensorProto.FLOAT))
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    for value in graph.output:
        internal = value.name + "_fp32"
        for node in graph.node:
            node.output[:] = [internal if name == value.name else name for name in node.output]
            node.input[:] = [internal if name == value.name else name for name in node.input]
        casts_out.append(helper.make_node("Cast", [internal], [value.name], to=TensorProto.FLOAT16))
        value.type.tensor_type.elem_type = TensorProto.FLOAT16
    nodes = casts_in + list(graph.node) + casts_out
    del graph.node[:]
    graph.node.extend(nodes)
    # The initializers keep pointing at model.onnx.data, so both graphs share one weights file.
    onnx.save_model(model, os.path.join(directory, "model-fp16-io.onnx"))
    onnx.checker.check_model(os.path.join(directory, "model-fp16-io.onnx"))


def main(directory=DEFAULT_DIR):
    to_external_data(directory)
    fp16_io_variant(directory)
    for name in ("model.onnx", "model.onnx.data", "model-fp16-io.onnx"):
        print(name, os.path.getsize(os.path.join(directory, name)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR)
