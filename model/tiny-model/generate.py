#!/usr/bin/python3
"""Generates the tiny test model of Lean 3 Assist: tokenizer, decoder, ONNX export, configs and reference outputs.

Run with Debian's python3 (python3-torch 1.13, python3-onnx 1.12), one thread:

    OMP_NUM_THREADS=1 /usr/bin/python3 model/tiny-model/generate.py [--minutes 4]

It writes model/src/test/resources/tiny-model/. CI never runs this; the generated files are committed.
"""
import argparse
import glob
import json
import math
import os
import random
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "export"))
sys.path.insert(0, HERE)
from decoder_onnx import Decoder, DecoderSizes, export_onnx, genai_config, hf_config  # noqa: E402

SPECIALS = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
UNK, BOS, EOS, IM_START, IM_END = range(5)
VOCAB_SIZE = 512
TACTIC_TASK = "Given the Lean 3 tactic state, suggest a next tactic:\n{state}"
FORMALIZE_TASK = "Convert this natural langauge statement into a Lean 3 theorem statement:{statement}"
TACTIC_NAMES = {"intro", "intros", "cases", "split", "exact", "apply", "assumption", "refl", "rw", "induction",
                "existsi", "unfold", "show", "simp", "have", "left", "right", "contradiction", "exfalso",
                "constructor", "trivial", "subst", "rcases", "use", "sorry"}

# A few natural-language statements written for the theorems of the corpus, so that formalization prompts
# have something real to produce.
FORMALIZATIONS = [
    ("For propositions p and q, p and q implies q and p.",
     "theorem and_swap_ex (p q : Prop) : p ∧ q → q ∧ p :="),
    ("For propositions p and q, p or q implies q or p.",
     "theorem or_swap_ex (p q : Prop) : p ∨ q → q ∨ p :="),
    ("Adding zero to a natural number n on the right gives n.",
     "theorem add_zero_ex (n : ℕ) : n + 0 = n :="),
    ("Adding a natural number n to zero gives n.",
     "theorem zero_add_ex (n : ℕ) : 0 + n = n :="),
    ("For every natural number n there is an m with m = n + 1.",
     "theorem exists_succ_ex (n : ℕ) : ∃ m : ℕ, m = n + 1 :="),
    ("If p holds then not not p holds.",
     "theorem not_not_intro_ex (p : Prop) (hp : p) : ¬¬p :="),
]


# ----------------------------------------------------------------------------------------------- corpus

def tactic_at(line, column):
    """The tactic that starts at `column` (code points): up to the next comma at bracket depth 0."""
    depth, out, i = 0, [], column
    while i < len(line):
        ch = line[i]
        if line.startswith("/-", i):
            break
        if ch in "([{⟨":
            depth += 1
        elif ch in ")]}⟩":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            break
        out.append(ch)
        i += 1
    return "".join(out).strip()


def tactic_pairs(shared):
    pairs = []
    for goals_path in sorted(glob.glob(os.path.join(shared, "goals", "*.json"))):
        name = os.path.splitext(os.path.basename(goals_path))[0]
        with open(os.path.join(shared, "lean", name + ".lean"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        for entry in json.load(open(goals_path, encoding="utf-8")):
            if "token" not in entry["kinds"] or entry["text"] not in TACTIC_NAMES:
                continue
            state = entry["state"]
            if not state or state == "no goals":
                continue
            tactic = tactic_at(lines[entry["line"] - 1], entry["column"])
            if tactic:
                pairs.append((state, tactic))
    for replay_path in sorted(glob.glob(os.path.join(shared, "replays", "*.json"))):
        for entry in json.load(open(replay_path, encoding="utf-8")):
            if entry["classification"] in ("closes_goal", "progress") and entry["state_before"]:
                pairs.append((entry["state_before"], entry["candidate"].strip()))
    unique = []
    for pair in pairs:
        if pair not in unique:
            unique.append(pair)
    return unique


def chat_prompt(task_text):
    return f"<|im_start|>user\n{task_text}<|im_end|>\n<|im_start|>assistant\n"


# --------------------------------------------------------------------------------------------- tokenizer

def byte_to_unicode():
    """GPT-2's reversible map from bytes to printable characters, which Hugging Face's ByteLevel uses."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(printable, chars)}


BYTE_CHARS = byte_to_unicode()


def split_specials(text):
    """Splits text into (is_special, piece), as Hugging Face does with added tokens before the model runs."""
    out, i, start = [], 0, 0
    while i < len(text):
        match = next((s for s in SPECIALS if text.startswith(s, i)), None)
        if match:
            if start < i:
                out.append((False, text[start:i]))
            out.append((True, match))
            i += len(match)
            start = i
        else:
            i += 1
    if start < len(text):
        out.append((False, text[start:]))
    return out


def to_symbols(piece):
    return [BYTE_CHARS[b] for b in piece.encode("utf-8")]


def learn_merges(texts, count):
    words = [to_symbols(piece) for text in texts for special, piece in split_specials(text) if not special]
    merges = []
    for _ in range(count):
        freq = {}
        for w in words:
            for a, b in zip(w, w[1:]):
                freq[(a, b)] = freq.get((a, b), 0) + 1
        if not freq:
            break
        best = max(freq.items(), key=lambda kv: (kv[1], kv[0]))[0]
        merges.append(best)
        words = [apply_merge(w, best) for w in words]
    return merges


def apply_merge(word, pair):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == pair[0] and word[i + 1] == pair[1]:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


class Tokenizer:
    def __init__(self, merges):
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.vocab = {s: i for i, s in enumerate(SPECIALS)}
        for b in range(256):
            self.vocab[BYTE_CHARS[b]] = len(self.vocab)
        for a, b in merges:
            self.vocab.setdefault(a + b, len(self.vocab))
        self.merges = merges
        self.id_to_token = {i: s for s, i in self.vocab.items()}
        self.char_to_byte = {c: b for b, c in BYTE_CHARS.items()}

    def encode(self, text):
        ids = []
        for special, piece in split_specials(text):
            if special:
                ids.append(self.vocab[piece])
                continue
            word = to_symbols(piece)
            while len(word) > 1:
                ranked = [(self.ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(word, word[1:]))]
                rank, _ = min(ranked)
                if rank == math.inf:
                    break
                word = apply_merge(word, self.merges[rank])
            ids += [self.vocab[s] for s in word]
        return ids

    def decode(self, ids):
        out, buf = [], bytearray()
        for i in ids:
            token = self.id_to_token[i]
            if i < len(SPECIALS):
                out.append(buf.decode("utf-8", errors="replace"))
                buf = bytearray()
                out.append(token)
            else:
                buf += bytes(self.char_to_byte[c] for c in token)
        out.append(buf.decode("utf-8", errors="replace"))
        return "".join(out)

    def to_json(self):
        added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, s in enumerate(SPECIALS)]
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}
        return {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
                "normalizer": None, "pre_tokenizer": byte_level, "post_processor": None, "decoder": byte_level,
                "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                          "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                          "vocab": self.vocab, "merges": [a + " " + b for a, b in self.merges]}}


# -------------------------------------------------------------------------------------------- training

def build_examples(tokenizer, pairs):
    examples = []
    for prompt, answer in pairs:
        prompt_ids = tokenizer.encode(chat_prompt(prompt))
        answer_ids = tokenizer.encode(answer) + [IM_END]
        examples.append((prompt_ids, answer_ids))
    return examples


def batch_tensors(examples):
    length = max(len(p) + len(a) for p, a in examples)
    ids = torch.zeros(len(examples), length, dtype=torch.long)
    mask = torch.zeros(len(examples), length, dtype=torch.long)
    targets = torch.full((len(examples), length), -100, dtype=torch.long)
    for row, (p, a) in enumerate(examples):
        seq = p + a
        ids[row, :len(seq)] = torch.tensor(seq)
        mask[row, :len(seq)] = 1
        # The logit at position t predicts token t + 1; only answer tokens are learned.
        for t in range(len(p) - 1, len(seq) - 1):
            targets[row, t] = seq[t + 1]
    return ids, mask, targets


def empty_past(sizes, batch):
    return [torch.zeros(batch, sizes.num_key_value_heads, 0, sizes.head_dim) for _ in range(2 * sizes.num_hidden_layers)]


def train(decoder, examples, minutes, seed):
    rng = random.Random(seed)
    optimizer = torch.optim.AdamW(decoder.parameters(), lr=3e-3, weight_decay=0.01)
    deadline = time.time() + minutes * 60
    step, batch_size = 0, 16
    total_steps_guess = int(minutes * 60 / 0.12)
    decoder.train()
    while time.time() < deadline:
        batch = [rng.choice(examples) for _ in range(batch_size)]
        ids, mask, targets = batch_tensors(batch)
        positions = torch.arange(ids.shape[1])[None].expand(ids.shape[0], -1)
        logits = decoder(ids, mask, positions, *empty_past(decoder.sizes, ids.shape[0]))[0]
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                                 ignore_index=-100)
        lr = 3e-3 * max(0.05, 0.5 * (1 + math.cos(math.pi * min(1.0, step / total_steps_guess))))
        for group in optimizer.param_groups:
            group["lr"] = lr
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(decoder.parameters(), 1.0)
        optimizer.step()
        if step % 100 == 0:
            print(f"step {step} loss {loss.item():.4f} lr {lr:.5f}", flush=True)
        step += 1
    decoder.eval()
    return step


def greedy(decoder, prompt_ids, max_new, stop_ids):
    """Greedy decoding by recomputing the whole sequence each step: the reference the Java cache must match."""
    ids = list(prompt_ids)
    out = []
    first_top = None
    with torch.no_grad():
        for _ in range(max_new):
            x = torch.tensor([ids])
            logits = decoder(x, torch.ones_like(x), torch.arange(len(ids))[None], *empty_past(decoder.sizes, 1))[0]
            last = torch.log_softmax(logits[0, -1], dim=-1)
            if first_top is None:
                values, indices = last.topk(5)
                first_top = [[int(i), float(v)] for v, i in zip(values, indices)]
            token = int(last.argmax())
            out.append(token)
            ids.append(token)
            if token in stop_ids:
                break
    return out, first_top


class WrongSignature(torch.nn.Module):
    """A model whose inputs and outputs are not a decoder's: the loader must refuse it by name."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(16, 4)

    def forward(self, tokens):
        return self.embed(tokens).sum(-1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared", "lean3"))
    parser.add_argument("--out", default=os.path.join(HERE, "..", "src", "test", "resources", "tiny-model"))
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)

    pairs = tactic_pairs(args.shared)
    print(f"{len(pairs)} (state, tactic) pairs", flush=True)
    task_pairs = [(TACTIC_TASK.format(state=s), t) for s, t in pairs]
    task_pairs += [(FORMALIZE_TASK.format(statement=nl), lean) for nl, lean in FORMALIZATIONS]
    texts = [chat_prompt(p) for p, _ in task_pairs] + [a for _, a in task_pairs]
    merges = learn_merges(texts, VOCAB_SIZE - len(SPECIALS) - 256)
    tokenizer = Tokenizer(merges)
    for text in texts:
        assert tokenizer.decode(tokenizer.encode(text)) == text, text
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer.to_json(), f, ensure_ascii=False)
    with open(os.path.join(args.out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump({"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "model_max_length": 1024,
                   "chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
                                    "{% endfor %}<|im_start|>assistant\n"}, f, ensure_ascii=False)

    sizes = DecoderSizes(vocab_size=len(tokenizer.vocab), hidden_size=96, intermediate_size=192,
                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2)
    decoder = Decoder(sizes)
    examples = build_examples(tokenizer, task_pairs)
    print(f"vocab {sizes.vocab_size}, params {sum(p.numel() for p in decoder.parameters())}, "
          f"longest {max(len(p) + len(a) for p, a in examples)} tokens", flush=True)
    steps = train(decoder, examples, args.minutes, args.seed)

    export_onnx(decoder, os.path.join(args.out, "model.onnx"))
    eos = [EOS, IM_END]
    with open(os.path.join(args.out, "genai_config.json"), "w") as f:
        json.dump(genai_config(sizes, eos, BOS, EOS, 1024), f, indent=2)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(hf_config(sizes, eos, BOS, EOS, 1024), f, indent=2)
    torch.onnx.export(WrongSignature(), (torch.zeros(1, 3, dtype=torch.long),),
                      os.path.join(args.out, "wrong-signature.onnx"), input_names=["tokens"],
                      output_names=["scores"], opset_version=14)

    chosen = [pairs[i] for i in range(0, len(pairs), max(1, len(pairs) // 6))][:6]
    prompts = [TACTIC_TASK.format(state=s) for s, _ in chosen] + [FORMALIZE_TASK.format(statement=FORMALIZATIONS[0][0])]
    expected = [t for _, t in chosen] + [FORMALIZATIONS[0][1]]
    reference = {"generator": "model/tiny-model/generate.py", "seed": args.seed, "minutes": args.minutes,
                 "train_steps": steps, "vocab_size": sizes.vocab_size, "max_new_tokens": 32,
                 "stop_ids": eos, "cases": []}
    correct = 0
    for prompt, want in zip(prompts, expected):
        chat = chat_prompt(prompt)
        ids = tokenizer.encode(chat)
        out, top = greedy(decoder, ids, 32, eos)
        text = tokenizer.decode([i for i in out if i not in eos])
        correct += text == want
        reference["cases"].append({"prompt": prompt, "chat_prompt": chat, "prompt_ids": ids, "greedy_ids": out,
                                   "greedy_text": text, "training_answer": want, "first_step_top5": top})
        print(repr(want), "->", repr(text), flush=True)
    hits = 0
    for prompt, want in task_pairs:
        out, _ = greedy(decoder, tokenizer.encode(chat_prompt(prompt)), 32, eos)
        hits += tokenizer.decode([i for i in out if i not in eos]) == want
    reference["training_pairs"] = len(task_pairs)
    reference["training_pairs_reproduced_greedily"] = hits
    print(f"reproduces {hits}/{len(task_pairs)} training answers greedily", flush=True)
    with open(os.path.join(args.out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False, indent=1)
    import derive_variants
    derive_variants.main(args.out)


if __name__ == "__main__":
    main()
