#!/usr/bin/env python3
"""Exports a Hugging Face decoder checkpoint into a Lean 3 Assist model directory.

    python export_llama.py --model internlm/internlm2-math-plus-7b --trust-remote-code --dtype fp16 --out DIR
    python export_llama.py --model TIGER-Lab/MAmmoTH-7B --dtype int4 --out DIR
    python export_llama.py --model mistralai/Mistral-7B-v0.1 --lora akjindal53244/Arithmo-Mistral-7B --out DIR
    python export_llama.py --model microsoft/rho-math-1b-interpreter-v0.1 --out DIR

The output directory holds model.onnx (+ model.onnx.data when over 2 GB), tokenizer.json, genai_config.json and
config.json, which is what OnnxLanguageModel.load reads. Needs: torch, transformers, onnx; peft for --lora;
onnxruntime >= 1.17 for --dtype int4;
onnxconverter-common for --dtype fp16. It runs where the model hub and PyPI are reachable (not in this project's CI).

Supported architectures: Llama (MAmmoTH, Rho-Math, TinyLlama), Mistral (Arithmo2 after merging its LoRA; the
sliding window is ignored, which is exact up to 4096 tokens), and InternLM2 (its packed wqkv is split into Llama's
q/k/v). All go through decoder_onnx.Decoder, the module the tiny test model is trained with, so the signature is
exactly the one the Java loader checks.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from decoder_onnx import Decoder, DecoderSizes, export_onnx, genai_config, hf_config  # noqa: E402


def sizes_from_config(config):
    """DecoderSizes from a transformers config (Llama, Mistral or InternLM2 field names are the same here)."""
    scaling = getattr(config, "rope_scaling", None)
    if scaling:
        raise SystemExit(f"rope_scaling {scaling} is not supported by decoder_onnx.Decoder; "
                         "use onnxruntime-genai's model builder for this checkpoint (see model/README.md)")
    heads = config.num_attention_heads
    return DecoderSizes(vocab_size=config.vocab_size, hidden_size=config.hidden_size,
                        intermediate_size=config.intermediate_size, num_hidden_layers=config.num_hidden_layers,
                        num_attention_heads=heads, num_key_value_heads=getattr(config, "num_key_value_heads", heads),
                        rope_theta=getattr(config, "rope_theta", 10000.0), rms_norm_eps=config.rms_norm_eps)


def internlm2_to_llama(state, sizes):
    """Renames InternLM2 weights to Llama's and splits its packed wqkv.

    InternLM2 stores wqkv as [kv_heads, group + 2, head_dim, hidden]: for each key/value head, its `group` query
    heads, then the key head, then the value head.
    """
    group = sizes.num_attention_heads // sizes.num_key_value_heads
    out = {"model.embed_tokens.weight": state["model.tok_embeddings.weight"],
           "model.norm.weight": state["model.norm.weight"], "lm_head.weight": state["output.weight"]}
    for i in range(sizes.num_hidden_layers):
        src, dst = f"model.layers.{i}.", f"model.layers.{i}."
        wqkv = state[src + "attention.wqkv.weight"].reshape(sizes.num_key_value_heads, group + 2, sizes.head_dim,
                                                            sizes.hidden_size)
        out[dst + "self_attn.q_proj.weight"] = wqkv[:, :group].reshape(-1, sizes.hidden_size)
        out[dst + "self_attn.k_proj.weight"] = wqkv[:, -2].reshape(-1, sizes.hidden_size)
        out[dst + "self_attn.v_proj.weight"] = wqkv[:, -1].reshape(-1, sizes.hidden_size)
        out[dst + "self_attn.o_proj.weight"] = state[src + "attention.wo.weight"]
        out[dst + "mlp.gate_proj.weight"] = state[src + "feed_forward.w1.weight"]
        out[dst + "mlp.up_proj.weight"] = state[src + "feed_forward.w3.weight"]
        out[dst + "mlp.down_proj.weight"] = state[src + "feed_forward.w2.weight"]
        out[dst + "input_layernorm.weight"] = state[src + "attention_norm.weight"]
        out[dst + "post_attention_layernorm.weight"] = state[src + "ffn_norm.weight"]
    return out


def load_llama_state(decoder, state):
    """Loads Hugging Face Llama-named weights (model.layers.N...., lm_head) into a Decoder; tied heads allowed."""
    ours = {}
    for key, value in state.items():
        if "rotary_emb" in key:
            continue
        ours[key[len("model."):] if key.startswith("model.") else key] = value
    if "lm_head.weight" not in ours:
        ours["lm_head.weight"] = ours["embed_tokens.weight"]
    missing, unexpected = decoder.load_state_dict(ours, strict=False)
    if missing or unexpected:
        raise SystemExit(f"weights do not fit the decoder: missing {missing}, unexpected {unexpected}")
    return decoder


def load_checkpoint(model_id, lora, trust_remote_code):
    from transformers import AutoConfig, AutoModelForCausalLM  # imported here: the self-test runs without them

    config = AutoConfig.from_pretrained(model_id, trust_remote_code=trust_remote_code)
    model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype=torch.float32,
                                                 trust_remote_code=trust_remote_code)
    if lora:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, lora).merge_and_unload()
    sizes = sizes_from_config(config)
    state = model.state_dict()
    if any(k.endswith("attention.wqkv.weight") for k in state):
        state = internlm2_to_llama(state, sizes)
    return config, sizes, state


def consolidate_external_data(path):
    """Gathers the weights into one model.onnx.data next to model.onnx (torch writes one file per tensor)."""
    import onnx

    directory = os.path.dirname(path)
    before = set(os.listdir(directory))
    model = onnx.load(path)
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx.data", size_threshold=1024)
    for name in before - {"model.onnx", "model.onnx.data", "tokenizer.json", "config.json", "genai_config.json",
                          "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model"}:
        full = os.path.join(directory, name)
        if os.path.isfile(full):
            os.remove(full)


def convert_fp16(path):
    """fp16 weights, activations, cache and logits. Done on the fp32 graph, since PyTorch's CPU kernels lack fp16."""
    import onnx
    from onnxconverter_common import float16

    model = float16.convert_float_to_float16(onnx.load(path), keep_io_types=False, disable_shape_infer=True)
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx.data", size_threshold=1024)


def quantize_int4(path):
    """Block-wise int4 weights for every MatMul (onnxruntime's MatMulNBits); activations and cache stay fp32."""
    import onnx
    from onnxruntime.quantization.matmul_4bits_quantizer import MatMul4BitsQuantizer

    quantizer = MatMul4BitsQuantizer(onnx.load(path), block_size=32, is_symmetric=True)
    quantizer.process()
    quantizer.model.save_model_to_file(path, use_external_data_format=True)


def eos_ids(config, tokenizer):
    ids = config.eos_token_id if isinstance(config.eos_token_id, list) else [config.eos_token_id]
    for special in ("<|im_end|>", "</s>"):  # the chat end of InternLM2-Math and the Llama EOS
        token_id = tokenizer.convert_tokens_to_ids(special)
        if isinstance(token_id, int) and token_id != tokenizer.unk_token_id and token_id not in ids:
            ids.append(token_id)
    return [i for i in ids if i is not None]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="Hugging Face id or local checkpoint directory")
    parser.add_argument("--out", required=True)
    parser.add_argument("--dtype", choices=["fp32", "fp16", "int4"], default="fp16")
    parser.add_argument("--lora", help="a LoRA adapter to merge first (Arithmo2-Mistral)")
    parser.add_argument("--trust-remote-code", action="store_true", help="needed for InternLM2")
    parser.add_argument("--context-length", type=int, default=4096)
    args = parser.parse_args()

    from transformers import AutoTokenizer

    os.makedirs(args.out, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(args.lora or args.model, use_fast=True,
                                              trust_remote_code=args.trust_remote_code)
    tokenizer.save_pretrained(args.out)
    if not os.path.isfile(os.path.join(args.out, "tokenizer.json")):
        raise SystemExit("the tokenizer has no fast (tokenizer.json) form; convert it with transformers' "
                         "convert_slow_tokenizer first")
    config, sizes, state = load_checkpoint(args.model, args.lora, args.trust_remote_code)
    decoder = load_llama_state(Decoder(sizes), state)
    path = os.path.join(args.out, "model.onnx")
    export_onnx(decoder, path)
    consolidate_external_data(path)
    if args.dtype == "fp16":
        convert_fp16(path)
    if args.dtype == "int4":
        quantize_int4(path)
    eos = eos_ids(config, tokenizer)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos[0]
    with open(os.path.join(args.out, "genai_config.json"), "w") as f:
        json.dump(genai_config(sizes, eos, tokenizer.bos_token_id, pad, args.context_length), f, indent=2)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(hf_config(sizes, eos, tokenizer.bos_token_id, pad, args.context_length), f, indent=2)
    print(f"wrote {args.out}: {sizes.num_hidden_layers} layers, {sizes.num_key_value_heads} kv heads, "
          f"head_dim {sizes.head_dim}, vocab {sizes.vocab_size}, eos {eos}, {args.dtype}")


if __name__ == "__main__":
    main()
