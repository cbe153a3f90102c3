// libcmark, the CommonMark reference implementation (Debian: libcmark-dev).
#include <cmark.h>
