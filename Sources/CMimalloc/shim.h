// mimalloc, Microsoft's general-purpose allocator (Debian: libmimalloc-dev).
// An executable linked against it uses it for every malloc and free in the
// process: the Swift runtime's, libcmark's and Graphviz's too.
#include <mimalloc.h>
