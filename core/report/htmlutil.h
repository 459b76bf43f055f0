#pragma once
// Internal to the HTML report: escaping, number formats, colours and the page's sections.

#include "report/runrecord.h"

#include <QString>
#include <QStringList>

namespace stampede::report::html {

/// Text for HTML element content and attribute values (& < > " ').
QString escape(const QString &text);
/// A number with `decimals` decimals in the C locale (no thousands separator).
QString num(double value, int decimals = 0);
/// Milliseconds for tables: 1 decimal under 10 ms, none above; "-" when nothing was measured.
QString ms(double value, std::uint64_t count);
/// "1h02m03s", "2m05s", "12s", "850ms".
QString duration(double seconds);
/// An axis label: the fewest decimals that tell ticks of `step` apart (chart::decimalsFor).
QString axisNumber(double value, double step);
/// A value for tooltips and tables: 0 decimals from 100, 1 from 10, else 2.
QString readout(double value);

// Sections of the page, each a <section> (htmlsections*.cpp).
/// A table cell, numeric ones right-aligned; a header row and a row whose first `textColumns` are text.
QString cell(const QString &text, bool numeric = false);
/// `titles`, when given, are the headers' tooltips (one per name; an empty one gives none).
QString headerRow(const QStringList &names, int textColumns = 1, const QStringList &titles = {});
QString row(const QStringList &cells, int textColumns = 1, const QString &cls = {});

QString headerSection(const RunRecord &record);
QString verdictSection(const RunRecord &record);
QString resultsSection(const RunRecord &record);
QString chartsSection(const RunRecord &record);
/// A sweep's capacity (htmlcapacity.cpp): chart against offered rate, steps, frontier; empty otherwise.
QString capacitySection(const RunRecord &record);
/// limit_wait_ms and the budget (htmlquota.cpp); empty when the scenario sets neither.
QString quotaSection(const RunRecord &record);
/// Captured response headers and the 429 story (htmlgateway.cpp); empty when there is neither.
QString gatewaySection(const RunRecord &record);
/// scenario server_metrics' polled series (htmlserver.cpp); empty when the run polled nothing.
QString serverMetricsSection(const RunRecord &record);
/// integrity (issue 14): warnings, counts per check, finish_reason (htmlintegrity.cpp); empty before a success.
QString integritySection(const RunRecord &record);
QString workloadSection(const RunRecord &record); ///< issue 16: what was sent, token-length histograms
/// A paired run's gateway overhead per model (htmloverhead.cpp); empty unless the scenario had direct_target.
QString overheadSection(const RunRecord &record);
QString failuresSection(const RunRecord &record);
QString scenarioSection(const RunRecord &record);
QString definitionsSection();
QString environmentSection(const RunRecord &record);

QString styleSheet();
QString pageScript();

} // namespace stampede::report::html
