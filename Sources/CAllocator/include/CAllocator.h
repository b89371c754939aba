#ifndef FOLIO_CALLOCATOR_H
#define FOLIO_CALLOCATOR_H

/* Asks the C library's allocator to keep freed blocks of up to `bytes` bytes inside the process
   instead of returning them to the kernel, so that a block freed by one training step is reused
   by the next without faulting its pages in again. Returns 1 when the allocator took the settings,
   0 when it refused them or has no such settings (any C library other than glibc).
   Why and what it gains: Sources/Tensors/AllocatorSettings.swift. */
int folio_keep_freed_memory(int bytes);

#endif
