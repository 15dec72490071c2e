/* serah.h: umbrella header of libserah-core (no GTK). */
#pragma once

#include <serah/serah-participant.h>
#include <serah/serah-store.h>
#include <serah/serah-import.h>
#include <serah/serah-demo.h>
#include <serah/serah-payload.h>
#include <serah/serah-print-records.h>
#include <serah/serah-testimonial.h>
#include <serah/serah-quote-card.h>
