"""A Llama/InternLM2-style decoder written for export, and its export to the signature Lean 3 Assist loads.

The Java loader expects exactly this signature (see model/README.md):

    inputs : input_ids int64 [batch, seq], attention_mask int64 [batch, past + seq],
             position_ids int64 [batch, seq], past_key_values.{i}.key|value float [batch, kv_heads, past, head_dim]
    outputs: logits float [batch, seq, vocab], present.{i}.key|value float [batch, kv_heads, past + seq, head_dim]

The tiny test model is this module with small sizes; export_llama.py loads the weights of a real Llama-architecture
checkpoint into the same module, so that both go through one export function.
"""
import math

import torch
from torch import nn


class DecoderSizes:
    """The sizes the export and the Java loader need; mirrors the fields of a Hugging Face Llama config."""

    def __init__(self, vocab_size, hidden_size, intermediate_size, num_hidden_layers, num_attention_heads,
                 num_key_value_heads, rope_theta=10000.0, rms_norm_eps=1e-6):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.intermediate_size = intermediate_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.num_key_value_heads = num_key_value_heads
        self.head_dim = hidden_size // num_attention_heads
        self.rope_theta = rope_theta
        self.rms_norm_eps = rms_norm_eps


class RmsNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class Attention(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.sizes = sizes
        hd = sizes.head_dim
        self.q_proj = nn.Linear(sizes.hidden_size, sizes.num_attention_heads * hd, bias=False)
        self.k_proj = nn.Linear(sizes.hidden_size, sizes.num_key_value_heads * hd, bias=False)
        self.v_proj = nn.Linear(sizes.hidden_size, sizes.num_key_value_heads * hd, bias=False)
        self.o_proj = nn.Linear(sizes.num_attention_heads * hd, sizes.hidden_size, bias=False)

    def forward(self, x, cos, sin, additive_mask, past_key, past_value):
        s = self.sizes
        batch, seq = x.shape[0], x.shape[1]
        q = self.q_proj(x).reshape(batch, seq, s.num_attention_heads, s.head_dim).transpose(1, 2)  # [batch, heads, seq, head_dim]
        k = self.k_proj(x).reshape(batch, seq, s.num_key_value_heads, s.head_dim).transpose(1, 2)  # [batch, kv_heads, seq, head_dim]
        v = self.v_proj(x).reshape(batch, seq, s.num_key_value_heads, s.head_dim).transpose(1, 2)  # [batch, kv_heads, seq, head_dim]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        present_key = torch.cat([past_key, k], dim=2)  # [batch, kv_heads, past + seq, head_dim]
        present_value = torch.cat([past_value, v], dim=2)  # [batch, kv_heads, past + seq, head_dim]
        group = s.num_attention_heads // s.num_key_value_heads
        # Grouped-query attention: each key/value head serves `group` query heads.
        keys = present_key[:, :, None].expand(-1, -1, group, -1, -1).reshape(batch, s.num_attention_heads, -1, s.head_dim)
        values = present_value[:, :, None].expand(-1, -1, group, -1, -1).reshape(batch, s.num_attention_heads, -1, s.head_dim)
        scores = torch.matmul(q, keys.transpose(2, 3)) / math.sqrt(s.head_dim) + additive_mask  # [batch, heads, seq, past + seq]
        weights = torch.softmax(scores, dim=-1)
        out = torch.matmul(weights, values).transpose(1, 2).reshape(batch, seq, -1)  # [batch, seq, heads * head_dim]
        return self.o_proj(out), present_key, present_value


class Mlp(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.gate_proj = nn.Linear(sizes.hidden_size, sizes.intermediate_size, bias=False)
        self.up_proj = nn.Linear(sizes.hidden_size, sizes.intermediate_size, bias=False)
        self.down_proj = nn.Linear(sizes.intermediate_size, sizes.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.input_layernorm = RmsNorm(sizes.hidden_size, sizes.rms_norm_eps)
        self.self_attn = Attention(sizes)
        self.post_attention_layernorm = RmsNorm(sizes.hidden_size, sizes.rms_norm_eps)
        self.mlp = Mlp(sizes)

    def forward(self, x, cos, sin, additive_mask, past_key, past_value):
        attended, present_key, present_value = self.self_attn(self.input_layernorm(x), cos, sin, additive_mask,
                                                              past_key, past_value)
        x = x + attended
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, present_key, present_value


class Decoder(nn.Module):
    """Parameter names follow Hugging Face's LlamaForCausalLM (model.layers.N...., lm_head) so its weights load."""

    def __init__(self, sizes):
        super().__init__()
        self.sizes = sizes
        self.embed_tokens = nn.Embedding(sizes.vocab_size, sizes.hidden_size)
        self.layers = nn.ModuleList([Layer(sizes) for _ in range(sizes.num_hidden_layers)])
        self.norm = RmsNorm(sizes.hidden_size, sizes.rms_norm_eps)
        self.lm_head = nn.Linear(sizes.hidden_size, sizes.vocab_size, bias=False)
        inv_freq = 1.0 / (sizes.rope_theta ** (torch.arange(0, sizes.head_dim, 2).float() / sizes.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        """past is (key_0, value_0, key_1, value_1, ...); returns (logits, present_key_0, present_value_0, ...)."""
        # The causal mask is computed from the data alone (no shape arithmetic), so the graph stays dynamic in
        # batch, sequence and past length: key j is visible to query i when j <= past + i and it is not padding.
        key_index = torch.cumsum(torch.ones_like(attention_mask), dim=1) - 1  # [batch, past + seq]
        query_index = torch.cumsum(torch.ones_like(input_ids), dim=1) - 1  # [batch, seq]
        past_length = attention_mask.shape[1] - torch.ones_like(input_ids).sum(dim=1, keepdim=True)  # [batch, 1]
        offset = key_index[:, None, :] - query_index[:, :, None]  # [batch, seq, past + seq]
        visible = (offset <= past_length[:, :, None]) & (attention_mask[:, None, :] > 0)
        dtype = self.embed_tokens.weight.dtype
        # -1e9 does not fit in fp16; -1e4 still drives masked softmax weights to zero there.
        masked = -1e9 if dtype == torch.float32 else -1e4
        additive_mask = torch.where(visible, torch.zeros_like(offset, dtype=dtype),
                                    torch.full_like(offset, masked, dtype=dtype))[:, None]  # [batch, 1, seq, past + seq]
        freqs = position_ids[:, :, None].float() * self.inv_freq[None, None, :]  # [batch, seq, head_dim / 2]
        angles = torch.cat([freqs, freqs], dim=-1)[:, None]  # [batch, 1, seq, head_dim]
        cos, sin = angles.cos().to(dtype), angles.sin().to(dtype)
        x = self.embed_tokens(input_ids)  # [batch, seq, hidden]
        presents = []
        for i, layer in enumerate(self.layers):
            x, present_key, present_value = layer(x, cos, sin, additive_mask, past[2 * i], past[2 * i + 1])
            presents += [present_key, present_value]
        logits = self.lm_head(self.norm(x))  # [batch, seq, vocab]
        return (logits, *presents)


def io_names(num_layers):
    inputs = ["input_ids", "attention_mask", "position_ids"]
    outputs = ["logits"]
    for i in range(num_layers):
        inputs += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outputs += [f"present.{i}.key", f"present.{i}.value"]
    return inputs, outputs


def export_onnx(decoder, path, opset=14):
    """Exports with dynamic batch, sequence and past axes; the dummy past is non-empty so no axis is specialised.

    The cache and logits have the decoder's dtype (call decoder.half() first for fp16). Models over 2 GB are written
    by torch with external data files; export_llama.py gathers them into one model.onnx.data.
    """
    s = decoder.sizes
    decoder.eval()
    batch, seq, past = 2, 3, 4
    input_ids = torch.ones(batch, seq, dtype=torch.long)
    attention_mask = torch.ones(batch, past + seq, dtype=torch.long)
    position_ids = torch.arange(past, past + seq, dtype=torch.long)[None].expand(batch, -1).contiguous()
    dtype = decoder.embed_tokens.weight.dtype
    pasts = [torch.zeros(batch, s.num_key_value_heads, past, s.head_dim, dtype=dtype)
             for _ in range(2 * s.num_hidden_layers)]
    inputs, outputs = io_names(s.num_hidden_layers)
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total"},
            "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    for name in inputs[3:]:
        axes[name] = {0: "batch", 2: "past"}
    for name in outputs[1:]:
        axes[name] = {0: "batch", 2: "total"}
    with torch.no_grad():
        torch.onnx.export(decoder, (input_ids, attention_mask, position_ids, *pasts), path, input_names=inputs,
                          output_names=outputs, dynamic_axes=axes, opset_version=opset, do_constant_folding=True)


def genai_config(sizes, eos_ids, bos_id, pad_id, context_length, model_type="llama"):
    """The genai_config.json that onnxruntime-genai's model builder writes, limited to the fields used here."""
    return {
        "model": {
            "bos_token_id": bos_id,
            "context_length": context_length,
            "decoder": {
                "filename": "model.onnx",
                "head_size": sizes.head_dim,
                "hidden_size": sizes.hidden_size,
                "inputs": {"input_ids": "input_ids", "attention_mask": "attention_mask",
                           "position_ids": "position_ids", "past_key_names": "past_key_values.%d.key",
                           "past_value_names": "past_key_values.%d.value"},
                "outputs": {"logits": "logits", "present_key_names": "present.%d.key",
                            "present_value_names": "present.%d.value"},
                "num_attention_heads": sizes.num_attention_heads,
                "num_hidden_layers": sizes.num_hidden_layers,
                "num_key_value_heads": sizes.num_key_value_heads,
            },
            "eos_token_id": eos_ids,
            "pad_token_id": pad_id,
            "type": model_type,
            "vocab_size": sizes.vocab_size,
        },
        "search": {"do_sample": False, "max_length": context_length, "num_beams": 1, "temperature": 1.0,
                   "top_k": 1, "top_p": 1.0},
    }


def hf_config(sizes, eos_ids, bos_id, pad_id, context_length, architecture="LlamaForCausalLM"):
    """A Hugging Face config.json with the fields the Java loader reads when there is no genai_config.json."""
    return {
        "architectures": [architecture], "model_type": "llama", "vocab_size": sizes.vocab_size,
        "hidden_size": sizes.hidden_size, "intermediate_size": sizes.intermediate_size,
        "num_hidden_layers": sizes.num_hidden_layers, "num_attention_heads": sizes.num_attention_heads,
        "num_key_value_heads": sizes.num_key_value_heads, "head_dim": sizes.head_dim,
        "max_position_embeddings": context_length, "rope_theta": sizes.rope_theta,
        "rms_norm_eps": sizes.rms_norm_eps, "bos_token_id": bos_id, "eos_token_id": eos_ids,
        "pad_token_id": pad_id, "torch_dtype": "float32",
    }
