#!/usr/bin/python3
"""Runs the export path of export_llama.py without the model hub, on the tiny model's architecture.

    OMP_NUM_THREADS=1 /usr/bin/python3 model/export/selftest.py

It checks that (1) InternLM2's packed wqkv, split by internlm2_to_llama, gives the same logits as Llama-named
weights; (2) Hugging Face Llama names load into decoder_onnx.Decoder; (3) cached decoding equals full recomputation
in PyTorch; (4) the fp32 export (and fp16, where onnxconverter-common is installed) passes onnx.checker with the signature the Java loader expects; (5) the
external-data consolidation writes one model.onnx.data. Needs only torch and onnx (Debian's python3-torch and
python3-onnx). Not run by CI.
"""
import os
import sys
import tempfile

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from decoder_onnx import Decoder, DecoderSizes, export_onnx, io_names  # noqa: E402
from export_llama import consolidate_external_data, convert_fp16, internlm2_to_llama, load_llama_state  # noqa: E402


def llama_named_state(decoder):
    return {("lm_head.weight" if k == "lm_head.weight" else "model." + k): v.clone()
            for k, v in decoder.state_dict().items()}


def pack_internlm2(state, sizes):
    """The inverse of internlm2_to_llama, to build an InternLM2-named checkpoint from Llama weights."""
    group = sizes.num_attention_heads // sizes.num_key_value_heads
    out = {"model.tok_embeddings.weight": state["model.embed_tokens.weight"],
           "model.norm.weight": state["model.norm.weight"], "output.weight": state["lm_head.weight"]}
    for i in range(sizes.num_hidden_layers):
        p = f"model.layers.{i}."
        q = state[p + "self_attn.q_proj.weight"].reshape(sizes.num_key_value_heads, group, sizes.head_dim, -1)
        k = state[p + "self_attn.k_proj.weight"].reshape(sizes.num_key_value_heads, 1, sizes.head_dim, -1)
        v = state[p + "self_attn.v_proj.weight"].reshape(sizes.num_key_value_heads, 1, sizes.head_dim, -1)
        out[p + "attention.wqkv.weight"] = torch.cat([q, k, v], dim=1).reshape(-1, sizes.hidden_size)
        out[p + "attention.wo.weight"] = state[p + "self_attn.o_proj.weight"]
        out[p + "feed_forward.w1.weight"] = state[p + "mlp.gate_proj.weight"]
        out[p + "feed_forward.w3.weight"] = state[p + "mlp.up_proj.weight"]
        out[p + "feed_forward.w2.weight"] = state[p + "mlp.down_proj.weight"]
        out[p + "attention_norm.weight"] = state[p + "input_layernorm.weight"]
        out[p + "ffn_norm.weight"] = state[p + "post_attention_layernorm.weight"]
    return out


def logits_of(decoder, ids):
    s = decoder.sizes
    empty = [torch.zeros(1, s.num_key_value_heads, 0, s.head_dim) for _ in range(2 * s.num_hidden_layers)]
    with torch.no_grad():
        return decoder(ids, torch.ones_like(ids), torch.arange(ids.shape[1])[None], *empty)


def main():
    torch.manual_seed(0)
    sizes = DecoderSizes(vocab_size=512, hidden_size=96, intermediate_size=192, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2)
    original = Decoder(sizes).eval()
    ids = torch.randint(0, 512, (1, 9))
    reference = logits_of(original, ids)[0]

    from_llama = load_llama_state(Decoder(sizes), llama_named_state(original)).eval()
    assert torch.allclose(logits_of(from_llama, ids)[0], reference), "Llama names do not load"
    internlm2 = pack_internlm2(llama_named_state(original), sizes)
    from_internlm2 = load_llama_state(Decoder(sizes), internlm2_to_llama(internlm2, sizes)).eval()
    assert torch.allclose(logits_of(from_internlm2, ids)[0], reference), "InternLM2 wqkv split is wrong"

    # Cached decoding: the prefix's present tensors fed back as past give the same last logits.
    out = logits_of(original, ids[:, :6])
    with torch.no_grad():
        step = original(ids[:, 6:], torch.ones(1, 9, dtype=torch.long), torch.arange(6, 9)[None], *out[1:])
    assert torch.allclose(step[0], reference[:, 6:], atol=1e-5), "cache differs from recomputation"

    inputs, outputs = io_names(sizes.num_hidden_layers)
    try:
        import onnxconverter_common  # noqa: F401
        dtypes = ("fp32", "fp16")
    except ImportError:
        print("fp16: skipped (onnxconverter-common is not installed here)")
        dtypes = ("fp32",)
    with tempfile.TemporaryDirectory() as directory:
        for dtype in dtypes:
            path = os.path.join(directory, dtype, "model.onnx")
            os.makedirs(os.path.dirname(path))
            export_onnx(original, path)
            consolidate_external_data(path)
            if dtype == "fp16":
                convert_fp16(path)
            model = onnx.load(path)
            onnx.checker.check_model(model)
            assert [i.name for i in model.graph.input] == inputs, [i.name for i in model.graph.input]
            assert [o.name for o in model.graph.output] == outputs
            assert os.path.isfile(os.path.join(os.path.dirname(path), "model.onnx.data"))
            cache_type = model.graph.input[3].type.tensor_type.elem_type
            expected = onnx.TensorProto.FLOAT if dtype == "fp32" else onnx.TensorProto.FLOAT16
            assert cache_type == expected, (dtype, cache_type)
            print(f"{dtype}: export ok, {os.path.getsize(path)} + "
                  f"{os.path.getsize(os.path.join(os.path.dirname(path), 'model.onnx.data'))} bytes")
    print("export self-test passed")


if __name__ == "__main__":
    main()
