/* serah-station-private.h: what serah-station.c builds on: the public station API and the
 * bundle file as the store reads and writes it (serah-store-station-private.h). */
#pragma once

#include <serah/ceremony/serah-station.h>

#include "ceremony/serah-store-station-private.h"
