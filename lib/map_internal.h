/* What map.c offers the library beyond alignkit/map.h.  Not API: what is
 * not under include/ may change without notice. */
#ifndef ALIGNKIT_MAP_INTERNAL_H
#define ALIGNKIT_MAP_INTERNAL_H

#include "alignkit/map.h"

/* Sets *out to a new empty map that borrows its keys: ak_map_put keeps the
 * pointer it is given instead of a copy, so each key must stay valid and
 * unchanged while the map lives (a string of a pool that outlives it).  A
 * million ids then cost no million copies.  Returns AK_OK, or AK_ENOMEM
 * with *out NULL. */
int ak_map_new_borrowing(ak_map **out);

#endif
