/// Max-pooling's routing: the argmax of each window, and gathering through it or scattering back.
extension Tensor {
    /// For each window of this NHWC tensor, the flat offset of its maximum (first on ties): the "argmax"
    /// that max-pooling routes values through, in `[N, OH, OW, C]` order. `offsets` is reused as storage.
    public func poolArgmax(_ g: WindowGeometry, into offsets: inout [Int]) throws {
        guard rank == 4, shape[1] == g.inputHeight, shape[2] == g.inputWidth else {
            throw TensorError("maxpool: input \(describeShape(shape)) is not [N, \(g.inputHeight), \(g.inputWidth), C]")
        }
        let total = shape[0] * g.outputHeight * g.outputWidth * shape[3]
        if offsets.count != total { offsets = [Int](repeating: 0, count: total) }
        switch dtype {
        case .float32: argmaxKernel(Float.self, g, &offsets)
        case .float64: argmaxKernel(Double.self, g, &offsets)
        }
    }

    /// One output row `(b, oy)` at a time (rows split over threads). For each output pixel the window's
    /// in-image positions are folded in `(ky, kx)` order over all channels at once (contiguous in NHWC):
    /// the first position seeds the maxima, later ones replace them only where strictly greater (so ties
    /// keep the first position and a NaN seed stays), with the winning position's number kept in a
    /// same-typed scratch row (``RunKernels/replaceGreater(_:_:_:_:_:)``, vectorised).
    private func argmaxKernel<T: TensorScalar & RunKernels>(_: T.Type, _ g: WindowGeometry, _ result: inout [Int]) {
        let n = shape[0], h = shape[1], w = shape[2], c = shape[3]
        let oh = g.outputHeight, ow = g.outputWidth, positions = g.kernelHeight * g.kernelWidth
        withPointer(T.self) { x in
            result.withUnsafeMutableBufferPointer { r in
                let offsets = r.baseAddress!
                Parallel.forEachRange(n * oh, cost: ow * c * positions, alignment: 1) { rows in
                    // Running maxima, the number of the position holding each, and each position's pixel offset.
                    let scratch = UnsafeMutablePointer<T>.allocate(capacity: 2 * c)
                    let pixel = UnsafeMutablePointer<Int>.allocate(capacity: positions)
                    defer { scratch.deallocate(); pixel.deallocate() }
                    let best = scratch, which = scratch + c
                    for row in rows {
                        let b = row / oh, oy = row - b * oh
                        for ox in 0..<ow {
                            var count = 0
                            for ky in 0..<g.kernelHeight {
                                let y = oy * g.strideY + ky - g.padTop
                                guard y >= 0 && y < h else { continue }
                                for kx in 0..<g.kernelWidth {
                                    let xx = ox * g.strideX + kx - g.padLeft
                                    guard xx >= 0 && xx < w else { continue }
                                    let base = ((b * h + y) * w + xx) * c, p = x + base
                                    pixel[count] = base
                                    if count == 0 {
                                        best.update(from: p, count: c)
                                        which.update(repeating: 0, count: c)
                                    } else {
                                        T.replaceGreater(p, best, which, T(Double(count)), c)
                                    }
                                    count += 1
                                }
                            }
                            let o = offsets + (row * ow + ox) * c
                            if count == 0 { o.update(repeating: -1, count: c); continue }
                            for ch in 0..<c { o[ch] = pixel[Int(which[ch].doubleValue)] + ch }
                        }
                    }
                }
            }
        }
    }

    /// `out[i] = self[offsets[i]]` (out has `offsets.count` elements).
    public func gather(flatOffsets offsets: [Int], into out: inout Tensor) {
        precondition(out.count == offsets.count && out.dtype == dtype, "gather: output size")
        out.makeUnique()
        switch dtype {
        case .float32: gatherKernel(Float.self, offsets, &out)
        case .float64: gatherKernel(Double.self, offsets, &out)
        }
    }

    /// `out` zeroed, then `out[offsets[i]] += self[i]` (the transpose of ``gather(flatOffsets:into:)``).
    public func scatterAdd(flatOffsets offsets: [Int], into out: inout Tensor) {
        precondition(count == offsets.count && out.dtype == dtype, "scatter: input size")
        out.fill(0)
        switch dtype {
        case .float32: scatterKernel(Float.self, offsets, &out)
        case .float64: scatterKernel(Double.self, offsets, &out)
        }
    }

    private func gatherKernel<T: TensorScalar>(_: T.Type, _ offsets: [Int], _ out: inout Tensor) {
        withPointer(T.self) { s in
            out.withMutablePointer(T.self) { d in
                offsets.withUnsafeBufferPointer { o in
                    Parallel.forEachRange(o.count) { r in for i in r { d[i] = s[o[i]] } }
                }
            }
        }
    }

    /// Sequential: offsets may repeat (overlapping windows), so the additions must not race.
    private func scatterKernel<T: TensorScalar>(_: T.Type, _ offsets: [Int], _ out: inout Tensor) {
        withPointer(T.self) { s in
            out.withMutablePointer(T.self) { d in
                offsets.withUnsafeBufferPointer { o in for i in 0..<o.count { d[o[i]] += s[i] } }
            }
        }
    }
}
