/* serah.h: umbrella header of libserah-core (no GTK). */
#pragma once

#include <serah/register/serah-participant.h>
#include <serah/register/serah-register-records.h>
#include <serah/register/serah-register.h>
#include <serah/store/serah-store.h>
#include <serah/output/serah-fonts.h>
#include <serah/store/serah-settings.h>
#include <serah/output/serah-output.h>
#include <serah/output/serah-format.h>
#include <serah/register/serah-import.h>
#include <serah/demo/serah-demo.h>
#include <serah/cards/serah-payload.h>
#include <serah/cards/serah-print-records.h>
#include <serah/cards/serah-print-history.h>
/* ceremonies (issue 4) */
#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/ceremony/serah-paper.h>
#include <serah/ceremony/serah-station-records.h>
#include <serah/ceremony/serah-station.h>
/* testimonials and reports (issue 5) */
#include <serah/testimonials/serah-testimonial-records.h>
#include <serah/testimonials/serah-testimonial.h>
#include <serah/testimonials/serah-quote-card.h>
#include <serah/reports/serah-report.h>
#include <serah/reports/serah-report-records.h>

/* hardening (issue 6) */
#include <serah/admin/serah-operators.h>
#include <serah/admin/serah-admin-records.h>
#include <serah/admin/serah-audit.h>
#include <serah/store/serah-backup.h>
#include <serah/store/serah-changes.h>

/* outreach (issue 15) */
#include <serah/outreach/serah-outreach-records.h>
#include <serah/outreach/serah-skm.h>
#include <serah/outreach/serah-survey.h>
#include <serah/outreach/serah-activity.h>
#include <serah/outreach/serah-registration.h>
#include <serah/outreach/serah-feedback.h>
#include <serah/outreach/serah-outreach-report.h>
#include <serah/outreach/serah-correction.h>
#include <serah/outreach/serah-outreach-areas.h>

/* printing (issue 3) */
#include <serah/cards/serah-template.h>
#include <serah/cards/serah-render.h>
#include <serah/cards/serah-print-job.h>
#include <serah/output/serah-fit-report.h>

/* office server (issue 16) */
#include <serah/server/serah-server.h>
#include <serah/server/serah-server-office-log.h>
