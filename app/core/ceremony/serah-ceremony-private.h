/* serah-ceremony-private.h: what the ceremony domain files (serah-ceremony*.c,
 * serah-station.c, serah-paper.c) share: the ceremony SQL (serah-store-ceremony-private.h)
 * and small helpers. Never included by the store files, which need only the records. */
#pragma once

#include <serah/ceremony/serah-ceremony.h>

#include "ceremony/serah-store-ceremony-private.h"

G_BEGIN_DECLS

G_END_DECLS
