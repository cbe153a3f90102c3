// Graphviz's layout and rendering library (Debian: libgraphviz-dev).
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
