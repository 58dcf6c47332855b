#!/usr/bin/python3
"""Generates the tiny word-problem solvers of Lean 3 Assist: one tiny decoder per solve format, for the solve tests.

Each is trained for a few minutes on word problems made here from templates (names, objects, numbers and one of
+ - * /; no dataset's text), prompted exactly as the Java prompt profile of its format prompts, with the answer in
that format's shape:

  mammoth               Alpaca, chain of thought: "... 12 + 5 = 17 ...\\nThe answer is: 17"
  arithmo2-mistral      "Question: ...\\nAnswer:", chain of thought, "The answer is: 17"
  mammoth-pot           Alpaca with " Let's write a program.": a bare Python program that prints the answer
  rho-math-interpreter  ToRA: a ```python block, the interpreter's ```output block, then "\\boxed{17}"
  internlm2-math        ChatML with "\\nSolve this via Lean 3": a Lean 3 theorem with a norm_num proof, then the answer

The models are far too small to do arithmetic; they learn the formats, and to copy numbers from the question and,
for ToRA, from the program's output. That is what the tests need: the real loop (prompt, generate, parse, run in
the sandbox, feed the output back, check) on real ONNX Runtime.

Run with Debian's python3 (python3-torch 1.13, python3-onnx 1.12), one thread:

    OMP_NUM_THREADS=1 /usr/bin/python3 model/tiny-model/generate_solvers.py [--minutes 2]

It writes model/src/test/resources/tiny-solver/<profile>/. CI never runs this; the generated files are committed.
"""
import argparse
import json
import os
import random
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (the tiny model's tokenizer, training loop and greedy reference)
from generate import BOS, EOS, IM_END, SPECIALS, Tokenizer, learn_merges  # noqa: E402
from decoder_onnx import Decoder, DecoderSizes, export_onnx, genai_config, hf_config  # noqa: E402

# The Java prompt profiles' templates (model/src/main/java/org/lean3assist/model/prompt/PromptProfile.java).
ALPACA = ("Below is an instruction that describes a task. Write a response that appropriately completes the "
          "request.\n\n### Instruction:\n{prompt}\n\n### Response:")
PROFILES = {
    "mammoth": (ALPACA, "{input}", EOS),
    "arithmo2-mistral": ("Question: {prompt}\nAnswer:", "{input}", EOS),
    "mammoth-pot": (ALPACA, "{input} Let's write a program.", EOS),
    "rho-math-interpreter": ("<|user|>\n{prompt}\n<|assistant|>\n", "{input}", EOS),
    "internlm2-math": ("<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n", "{input}\nSolve this via Lean 3",
                       IM_END),
}

NAMES = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana"]
THINGS = ["apples", "books", "coins", "pens", "cards", "shells", "stamps", "marbles"]
QUESTIONS = {
    "+": "{name} has {a} {thing}. {name} gets {b} more {thing}. How many {thing} does {name} have now?",
    "-": "{name} has {a} {thing} and gives {b} of them away. How many {thing} are left?",
    "*": "{name} buys {a} bags with {b} {thing} in each bag. How many {thing} does {name} buy?",
    "/": "{name} shares {a} {thing} equally among {b} friends. How many {thing} does each friend get?",
}
WORDS = {"+": "more", "-": "given", "*": "per_bag", "/": "friends"}


def problem(rng):
    op = rng.choice("+-*/")
    if op == "/":
        b = rng.randint(2, 9)
        a = b * rng.randint(2, 12)
    elif op == "-":
        a, b = rng.randint(10, 99), rng.randint(1, 9)
    else:
        a, b = rng.randint(2, 40), rng.randint(2, 9)
    value = {"+": a + b, "-": a - b, "*": a * b, "/": a // b}[op]
    name, thing = rng.choice(NAMES), rng.choice(THINGS)
    return QUESTIONS[op].format(name=name, a=a, b=b, thing=thing), op, a, b, value, name, thing


def answer(profile, op, a, b, value, name, thing):
    if profile in ("mammoth", "arithmo2-mistral"):
        return f" {name} ends with {a} {op} {b} = {value} {thing}.\nThe answer is: {value}"
    if profile == "mammoth-pot":
        return f"\n{thing} = {a}\n{WORDS[op]} = {b}\nanswer = {thing} {op if op != '/' else '//'} {WORDS[op]}\nprint(answer)"
    if profile == "rho-math-interpreter":
        return (f"Let us compute it.\n```python\nprint({a} {op if op != '/' else '//'} {b})\n```\n"
                f"```output\n{value}\n```\nSo {name} ends with {value} {thing}. The answer is $\\boxed{{{value}}}$.")
    return (f"```lean\ntheorem {thing}_count : ({a} : ℚ) {op} {b} = {value} :=\nbegin\n  norm_num,\nend\n```\n"
            f"The answer is: {value}")


def prompt(profile, question):
    template, task, _ = PROFILES[profile]
    return template.replace("{prompt}", task.replace("{input}", question))


def examples_for(tokenizer, profile, problems):
    stop = PROFILES[profile][2]
    out = []
    for question, op, a, b, value, name, thing in problems:
        out.append((tokenizer.encode(prompt(profile, question)),
                    tokenizer.encode(answer(profile, op, a, b, value, name, thing)) + [stop]))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=2.0, help="training time per profile")
    parser.add_argument("--out", default=os.path.join(HERE, "..", "src", "test", "resources", "tiny-solver"))
    parser.add_argument("--seed", type=int, default=4321)
    parser.add_argument("--problems", type=int, default=600)
    args = parser.parse_args()
    torch.set_num_threads(1)
    rng = random.Random(args.seed)
    problems = [problem(rng) for _ in range(args.problems)]
    texts = []
    for profile in PROFILES:
        for p in problems[:80]:
            texts += [prompt(profile, p[0]), answer(profile, *p[1:])]
    # One tokenizer for all five, learnt from their texts; each model directory gets its own copy.
    tokenizer = Tokenizer(learn_merges(texts, generate.VOCAB_SIZE - len(SPECIALS) - 256))
    for text in texts:
        assert tokenizer.decode(tokenizer.encode(text)) == text, text
    held_out = [problem(random.Random(args.seed + 1)) for _ in range(1)]
    summary = {}
    for index, profile in enumerate(PROFILES):
        torch.manual_seed(args.seed + index)
        directory = os.path.join(args.out, profile)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "tokenizer.json"), "w", encoding="utf-8") as f:
            json.dump(tokenizer.to_json(), f, ensure_ascii=False)
        with open(os.path.join(directory, "tokenizer_config.json"), "w", encoding="utf-8") as f:
            json.dump({"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "model_max_length": 1024}, f)
        sizes = DecoderSizes(vocab_size=len(tokenizer.vocab), hidden_size=64, intermediate_size=128,
                             num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2)
        decoder = Decoder(sizes)
        examples = examples_for(tokenizer, profile, problems)
        print(f"{profile}: {len(examples)} examples, params {sum(p.numel() for p in decoder.parameters())}, "
              f"longest {max(len(p) + len(a) for p, a in examples)} tokens", flush=True)
        steps = generate.train(decoder, examples, args.minutes, args.seed + index)
        export_onnx(decoder, os.path.join(directory, "model.onnx"))
        eos = [EOS, IM_END]
        with open(os.path.join(directory, "genai_config.json"), "w") as f:
            json.dump(genai_config(sizes, eos, BOS, EOS, 1024), f, indent=2)
        with open(os.path.join(directory, "config.json"), "w") as f:
            json.dump(hf_config(sizes, eos, BOS, EOS, 1024), f, indent=2)
        cases = []
        for question, *rest in held_out + problems[:2]:
            out, _ = generate.greedy(decoder, tokenizer.encode(prompt(profile, question)), 120, eos)
            text = tokenizer.decode([i for i in out if i not in eos])
            cases.append({"question": question, "greedy_text": text, "training_answer": answer(profile, *rest)})
            print(f"  {question!r}\n  -> {text!r}", flush=True)
        summary[profile] = {"train_steps": steps, "cases": cases}
    with open(os.path.join(args.out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": "model/tiny-model/generate_solvers.py", "seed": args.seed, "minutes": args.minutes,
                   "profiles": summary}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
