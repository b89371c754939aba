import CAllocator

/// Keeps the memory of freed tensors inside the process for reuse (glibc only; elsewhere a no-op
/// that returns false).
///
/// A training step allocates and frees the same large buffers every step: the hidden activations
/// and their gradient are n × hidden floats, 9.6 MB for the benchmark model. glibc serves blocks
/// above its mmap threshold (128 KiB at start) with fresh mappings and returns them to the kernel
/// on free, so each step faulted in about 2,400 zero-filled pages per buffer: `folio bench` saw
/// 920,000 minor page faults and 24 ms per step; with freed blocks of up to `bytes` kept in the
/// heap, 26,000 faults and 17 ms per step. The cost is that the process keeps its peak heap until
/// it exits, which suits a command that renders notebooks and ends.
///
/// Settings are process-wide; the `folio` command calls this once at start and the benchmark
/// before it measures.
@discardableResult
public func keepFreedTensorMemory(upTo bytes: Int = 1 << 30) -> Bool {
    folio_keep_freed_memory(Int32(clamping: bytes)) == 1
}
