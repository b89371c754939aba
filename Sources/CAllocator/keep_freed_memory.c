#include <stdlib.h>
#include "CAllocator.h"

#if defined(__GLIBC__)
#include <malloc.h>

/* glibc serves blocks at or above M_MMAP_THRESHOLD with mmap and unmaps them on free, and gives
   the top of the heap back once more than M_TRIM_THRESHOLD is free there; raising both keeps
   such blocks in the heap for the next allocation. */
int folio_keep_freed_memory(int bytes) {
    int mapped = mallopt(M_MMAP_THRESHOLD, bytes);
    int trimmed = mallopt(M_TRIM_THRESHOLD, bytes);
    return mapped && trimmed;
}
#else
int folio_keep_freed_memory(int bytes) {
    (void)bytes;
    return 0;
}
#endif
