#!/usr/bin/env python3
"""PyTorch reference for bench/run.py: the MLP of examples/fashion_mlp.nabla
(784-256-256-10, ReLU, Glorot-uniform weights, zero biases), Adam lr 1e-3,
batch 128, a new shuffle every epoch, on the same Fashion-MNIST files.
Prints one line per epoch in the example's format."""
import argparse
import gzip
import struct
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    d = a.data
    xtr = torch.from_numpy(read_idx(d + "/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    ytr = torch.from_numpy(read_idx(d + "/train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(read_idx(d + "/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    yte = torch.from_numpy(read_idx(d + "/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    lossf = torch.nn.CrossEntropyLoss()
    steps = xtr.shape[0] // 128
    for epoch in range(a.epochs):
        order = torch.randperm(xtr.shape[0])
        start = time.perf_counter()
        total = 0.0
        for s in range(steps):
            idx = order[s * 128:(s + 1) * 128]
            opt.zero_grad()
            loss = lossf(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        rate = steps / (time.perf_counter() - start)
        with torch.no_grad():
            acc = (model(xte).argmax(1) == yte).float().mean().item()
        print(f"epoch {epoch + 1} train loss {total / steps:.6g} test accuracy {acc:.6g} steps/s {rate:.6g}", flush=True)


if __name__ == "__main__":
    main()
