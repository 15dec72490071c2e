/* serah-store-testimonial.c: schema and queries of the testimonials area. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include "serah-store-private.h"

/* Filled in by the testimonials work; an empty step keeps the version numbering stable. */
const char serah_store_schema_testimonials[] = "";
