#pragma once
// The self-contained HTML report: one file, inline CSS, inline SVG charts and a small inline
// script for hover readouts. Nothing is fetched from the network; it prints to PDF from a browser.
// A one-hour run stays far below 3 MB: every line is downsampled to at most 600 points.

#include "report/runrecord.h"

#include <QByteArray>

namespace stampede::report {

/// UTF-8 HTML of the whole report.
QByteArray htmlReport(const RunRecord &record);

} // namespace stampede::report
