#!/usr/bin/env python3
"""JAX reference for `samlab bench`: the same three paper models, losses, shapes and computations.

Rows (names identical to samlab's, so benchmarks/compare.py can join them):
  sgemm 2000x2000x2000              jitted jnp.matmul, float32
  <model> loss+grad                 jit(value_and_grad(loss))
  <model> sam step                  jit: g = grad(w); s = grad(w + rho*g/|g|); w - lr*s  (rho 0.1, lr 0.01)
  <model> hvp                       jit: jax.jvp(jax.grad(loss), (w,), (v,))  (forward-over-reverse)
  <model> lanczos top-3 (20 hvp)    20 jitted HVPs on the flat parameter vector in a Python loop, each
                                    followed by a jitted full re-orthogonalisation (classical Gram-Schmidt
                                    twice against every basis vector, as samlab's Lanczos); then the 20x20
                                    projected matrix's eigh and the top-3 Ritz vectors.
for <model> in mlp, cnn, transformer:
  mlp          784-1000-1000-1000-10 ReLU, glorot_normal, mse (mean over examples and outputs), 1000 examples
  cnn          2 x [3x3 conv (16, 32), ReLU, LayerNorm over channels (eps 1e-6), 2x2 max-pool], dense to 10,
               mse, 1000 examples of 32x32x3 (NHWC)
  transformer  6 pre-LayerNorm blocks (eps 1e-5), 8 heads x 32, d 128, MLP 512 with GELU (tanh), causal mask
               added as -1e30, seq 64, vocab 65, embeddings truncated normal (std 0.02), cross-entropy mean
               over the 128x64 positions

Data are synthetic batches of those shapes (standard-normal inputs, uniform labels/tokens), float32.
Each row: one warm-up call (compilation), then the median of --repetitions timed calls, each ended by
block_until_ready. Prints JSON like `samlab bench --json` (name, median_s, gflops, peak_rss_bytes).
"""

import argparse
import json
import os
import resource
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

jax.config.update("jax_enable_x64", False)

LEARNING_RATE = 0.01
RHO = 0.1
LANCZOS_K = 3
LANCZOS_STEPS = 20
glorot = jax.nn.initializers.glorot_normal()


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def block(tree):
    return jax.tree_util.tree_map(lambda a: a.block_until_ready(), tree)


def layer_norm(x, scale, offset, eps):
    # Two-pass, as samlab's Var.layerNorm: mean((x - mu)^2).
    mu = jnp.mean(x, axis=-1, keepdims=True)
    centered = x - mu
    var = jnp.mean(jnp.square(centered), axis=-1, keepdims=True)
    return centered * jax.lax.rsqrt(var + eps) * scale + offset


def mse(outputs, targets):
    return jnp.mean(jnp.square(outputs - targets))


# ---------------------------------------------------------------- models


def mlp_benchmark(key):
    widths = [784, 1000, 1000, 1000, 10]
    n = 1000
    keys = jax.random.split(key, len(widths) + 1)
    params = [{"weight": glorot(keys[i], (widths[i], widths[i + 1]), jnp.float32),
               "bias": jnp.zeros((widths[i + 1],), jnp.float32)} for i in range(len(widths) - 1)]
    rng = np.random.default_rng(101)
    x = jnp.asarray(rng.standard_normal((n, 784), dtype=np.float32))
    y = jax.nn.one_hot(rng.integers(0, 10, n), 10, dtype=jnp.float32)

    def loss(params, x, y):
        h = x
        for i, layer in enumerate(params):
            h = h @ layer["weight"] + layer["bias"]
            if i < len(params) - 1:
                h = jax.nn.relu(h)
        return mse(h, y)

    forward = sum(2.0 * n * widths[i] * widths[i + 1] for i in range(len(widths) - 1))
    return params, loss, (x, y), 3 * forward - 2.0 * n * widths[0] * widths[1]


def cnn_benchmark(key):
    n, channels = 1000, [16, 32]
    keys = jax.random.split(key, len(channels) + 1)
    params, cin = {}, 3
    for i, cout in enumerate(channels):
        # glorot_normal on HWIO: fan-in 9*Cin, fan-out 9*Cout, as samlab's CNN.
        params[f"conv_{i}"] = {"kernel": glorot(keys[i], (3, 3, cin, cout), jnp.float32),
                               "bias": jnp.zeros((cout,), jnp.float32)}
        params[f"layer_norm_{i}"] = {"scale": jnp.ones((cout,), jnp.float32), "bias": jnp.zeros((cout,), jnp.float32)}
        cin = cout
    params["dense_0"] = {"weight": glorot(keys[-1], (8 * 8 * 32, 10), jnp.float32), "bias": jnp.zeros((10,), jnp.float32)}
    rng = np.random.default_rng(102)
    x = jnp.asarray(rng.standard_normal((n, 32, 32, 3), dtype=np.float32))
    y = jax.nn.one_hot(rng.integers(0, 10, n), 10, dtype=jnp.float32)

    def loss(params, x, y):
        h = x
        for i in range(len(channels)):
            conv = params[f"conv_{i}"]
            h = jax.lax.conv_general_dilated(h, conv["kernel"], window_strides=(1, 1), padding="SAME",
                                             dimension_numbers=("NHWC", "HWIO", "NHWC")) + conv["bias"]
            h = jax.nn.relu(h)
            norm = params[f"layer_norm_{i}"]
            h = layer_norm(h, norm["scale"], norm["bias"], 1e-6)
            h = jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")
        h = h.reshape((h.shape[0], -1))
        return mse(h @ params["dense_0"]["weight"] + params["dense_0"]["bias"], y)

    conv1, conv2, dense = 2.0 * n * 32 * 32 * 27 * 16, 2.0 * n * 16 * 16 * 144 * 32, 2.0 * n * 2048 * 10
    return params, loss, (x, y), 2 * conv1 + 3 * (conv2 + dense)


def transformer_benchmark(key):
    b, t, v, d, layers, heads, key_size = 128, 64, 65, 128, 6, 8, 32
    hk, hidden = heads * key_size, 4 * d
    embed = jax.nn.initializers.truncated_normal(stddev=0.02)
    keys = iter(jax.random.split(key, 2 + 6 * layers + 1))

    def dense(fan_in, fan_out):
        return {"weight": glorot(next(keys), (fan_in, fan_out), jnp.float32), "bias": jnp.zeros((fan_out,), jnp.float32)}

    def norm():
        return {"scale": jnp.ones((d,), jnp.float32), "bias": jnp.zeros((d,), jnp.float32)}

    params = {"embedding": {"token": embed(next(keys), (v, d), jnp.float32),
                            "position": embed(next(keys), (t, d), jnp.float32)},
              "blocks": [{"attention_norm": norm(), "query": dense(d, hk), "key": dense(d, hk), "value": dense(d, hk),
                          "output": dense(hk, d), "mlp_norm": norm(), "hidden": dense(d, hidden),
                          "mlp_output": dense(hidden, d)} for _ in range(layers)],
              "final_norm": norm(), "output": dense(d, v)}
    rng = np.random.default_rng(103)
    tokens = jnp.asarray(rng.integers(0, v, (b, t)), dtype=jnp.int32)
    targets = jnp.asarray(rng.integers(0, v, (b, t)), dtype=jnp.int32)
    mask = jnp.where(jnp.tril(jnp.ones((t, t), bool)), 0.0, -1e30).astype(jnp.float32)

    def apply_dense(p, x):
        return x @ p["weight"] + p["bias"]

    def loss(params, tokens, targets):
        bb, tt = tokens.shape
        h = (params["embedding"]["token"][tokens] + params["embedding"]["position"][:tt]).reshape((bb * tt, d))

        def split(y):
            return y.reshape((bb, tt, heads, key_size)).transpose((0, 2, 1, 3))

        for blk in params["blocks"]:
            x = layer_norm(h, blk["attention_norm"]["scale"], blk["attention_norm"]["bias"], 1e-5)
            q = split(apply_dense(blk["query"], x) * (1.0 / np.sqrt(key_size)))
            k = split(apply_dense(blk["key"], x))
            vv = split(apply_dense(blk["value"], x))
            weights = jax.nn.softmax(jnp.einsum("bhqk,bhsk->bhqs", q, k) + mask, axis=-1)
            mixed = jnp.einsum("bhqs,bhsk->bhqk", weights, vv).transpose((0, 2, 1, 3)).reshape((bb * tt, hk))
            h = h + apply_dense(blk["output"], mixed)
            x = layer_norm(h, blk["mlp_norm"]["scale"], blk["mlp_norm"]["bias"], 1e-5)
            h = h + apply_dense(blk["mlp_output"], jax.nn.gelu(apply_dense(blk["hidden"], x), approximate=True))
        h = layer_norm(h, params["final_norm"]["scale"], params["final_norm"]["bias"], 1e-5)
        logits = apply_dense(params["output"], h)
        log_probs = jax.nn.log_softmax(logits, axis=-1)
        return -jnp.sum(jax.nn.one_hot(targets.reshape(-1), v, dtype=jnp.float32) * log_probs) / (bb * tt)

    rows = float(b * t)
    per_layer = 2 * rows * (3 * d * hk + hk * d + 2 * d * hidden) + 2 * 2 * (b * heads) * t * t * key_size
    forward = layers * per_layer + 2 * rows * d * v
    return params, loss, (tokens, targets), 3 * forward


MODELS = {"mlp": mlp_benchmark, "cnn": cnn_benchmark, "transformer": transformer_benchmark}
ROW_SUFFIXES = ["loss+grad", "sam step", "hvp", "lanczos top-3 (20 hvp)"]


# ---------------------------------------------------------------- computations


def make_sam_step(loss):
    @jax.jit
    def sam_step(params, data):
        _, g = jax.value_and_grad(loss)(params, *data)
        gnorm = jnp.sqrt(sum(jnp.sum(jnp.square(leaf)) for leaf in jax.tree_util.tree_leaves(g)))
        ascent = jax.tree_util.tree_map(lambda p, gi: p + (RHO / gnorm) * gi, params, g)
        _, s = jax.value_and_grad(loss)(ascent, *data)
        return jax.tree_util.tree_map(lambda p, si: p - LEARNING_RATE * si, params, s)
    return sam_step


def make_lanczos(loss, params, data):
    """Top-3 Lanczos with exactly LANCZOS_STEPS HVPs on the flat parameter vector."""
    flat, unravel = ravel_pytree(params)

    @jax.jit
    def hvp(w, v, data):
        f = lambda w: loss(unravel(w), *data)
        return jax.jvp(jax.grad(f), (w,), (v,))[1]

    @jax.jit
    def orthogonalize(u, basis):
        # Classical Gram-Schmidt twice against every basis vector (compiled once per basis length).
        total = []
        for _ in range(2):
            c = jnp.stack([jnp.vdot(b, u) for b in basis])
            u = u - sum(c[i] * b for i, b in enumerate(basis))
            total.append(c)
        beta = jnp.linalg.norm(u)
        return u / beta, total[0] + total[1], beta

    @jax.jit
    def ritz_vectors(coefficients, basis):
        return [sum(coefficients[i, c] * b for i, b in enumerate(basis)) for c in range(coefficients.shape[1])]

    def run(seed=0):
        v = jax.random.normal(jax.random.PRNGKey(seed), flat.shape, jnp.float32)
        basis = [v / jnp.linalg.norm(v)]
        h = np.zeros((LANCZOS_STEPS, LANCZOS_STEPS))
        for j in range(LANCZOS_STEPS):
            u = hvp(flat, basis[j], data)
            nxt, c, beta = orthogonalize(u, tuple(basis))
            c = np.asarray(c, dtype=np.float64)
            h[j, : j + 1] = c
            h[: j + 1, j] = c
            if j + 1 < LANCZOS_STEPS:
                basis.append(nxt)
        values, vectors = np.linalg.eigh(h)
        top = np.argsort(values)[::-1][:LANCZOS_K]
        ys = ritz_vectors(jnp.asarray(vectors[:, top], jnp.float32), tuple(basis))
        block(ys)
        return values[top]

    return run


# ---------------------------------------------------------------- timing


def timed(body, repetitions):
    body()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(filter_text, repetitions, emit):
    wanted = lambda name: filter_text is None or filter_text in name

    def record(name, seconds, flops=None, note=""):
        row = {"name": name, "median_s": seconds, "note": note, "peak_rss_bytes": peak_rss_bytes()}
        if flops:
            row["gflops"] = flops / seconds / 1e9
        emit(row)

    name = "sgemm 2000x2000x2000"
    if wanted(name):
        rng = np.random.default_rng(0)
        a = jnp.asarray(rng.standard_normal((2000, 2000), dtype=np.float32))
        b = jnp.asarray(rng.standard_normal((2000, 2000), dtype=np.float32))
        matmul = jax.jit(jnp.matmul)
        record(name, timed(lambda: matmul(a, b).block_until_ready(), repetitions), 16e9, "jitted jnp.matmul, float32")

    for index, (key, make) in enumerate(MODELS.items()):
        names = [f"{key} {suffix}" for suffix in ROW_SUFFIXES]
        if not any(wanted(n) for n in names):
            continue
        params, loss, data, grad_flops = make(jax.random.PRNGKey(index))
        if wanted(names[0]):
            value_and_grad = jax.jit(jax.value_and_grad(loss))
            record(names[0], timed(lambda: block(value_and_grad(params, *data)), repetitions), grad_flops)
        if wanted(names[1]):
            sam_step = make_sam_step(loss)
            state = {"w": params}

            def step():
                state["w"] = block(sam_step(state["w"], data))
            record(names[1], timed(step, repetitions), 2 * grad_flops, f"rho {RHO}, lr {LEARNING_RATE}")
        if wanted(names[2]):
            leaves, treedef = jax.tree_util.tree_flatten(params)
            keys = jax.random.split(jax.random.PRNGKey(7), len(leaves))
            vec = jax.tree_util.tree_unflatten(treedef, [jax.random.normal(k, l.shape, l.dtype) for k, l in zip(keys, leaves)])
            hvp = jax.jit(lambda p, v: jax.jvp(lambda q: jax.grad(loss)(q, *data), (p,), (v,))[1])
            record(names[2], timed(lambda: block(hvp(params, vec)), repetitions), None, "jvp of grad")
        if wanted(names[3]):
            lanczos = make_lanczos(loss, params, data)
            result = {}

            def go():
                result["values"] = lanczos()
            seconds = timed(go, repetitions)
            record(names[3], seconds, None, "top-3 Ritz values " + ", ".join(f"{x:.4g}" for x in result["values"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filter", help="only rows whose name contains this text (mlp, cnn, transformer, sgemm)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON document at the end")
    args = parser.parse_args()
    rows = []

    def emit(row):
        rows.append(row)
        if not args.json:
            rate = f"{row['gflops']:8.1f} GFLOP/s" if "gflops" in row else " " * 16
            print(f"{row['name']:<34} {row['median_s'] * 1000:10.2f} ms {rate} {row['peak_rss_bytes'] / 1e6:7.0f} MB peak  {row['note']}",
                  flush=True)

    machine = f"{os.cpu_count()} cores, jax {jax.__version__}, jaxlib {jax.lib.__version__}, backend {jax.default_backend()}"
    if not args.json:
        print("machine:", machine)
    run(args.filter, max(1, args.repetitions), emit)
    if args.json:
        print(json.dumps({"tool": "jax", "machine": machine, "repetitions": args.repetitions, "rows": rows,
                          "peak_rss_bytes": peak_rss_bytes()}, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
