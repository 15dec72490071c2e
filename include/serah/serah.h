/* serah.h: umbrella header of libserah-core (no GTK). */
#pragma once

#include <serah/serah-participant.h>
#include <serah/serah-store.h>
#include <serah/serah-import.h>
#include <serah/serah-demo.h>
#include <serah/serah-payload.h>
#include <serah/serah-print-records.h>
/* ceremonies (issue 4) */
#include <serah/serah-ceremony.h>
#include <serah/serah-paper.h>
#include <serah/serah-station.h>
/* testimonials and reports (issue 5) */
#include <serah/serah-testimonial.h>
#include <serah/serah-quote-card.h>
#include <serah/serah-report.h>

/* hardening (issue 6) */
#include <serah/serah-operators.h>
#include <serah/serah-audit.h>
#include <serah/serah-backup.h>

/* printing (issue 3) */
#include <serah/serah-template.h>
#include <serah/serah-render.h>
#include <serah/serah-print-job.h>
