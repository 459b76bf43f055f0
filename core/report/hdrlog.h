#pragma once
// The run-long latency histograms in HdrHistogram's interval log format (version 1.3), so that
// HdrHistogram's own tools (HistogramLogProcessor, HistogramLogAnalyzer, the hdrhistogram
// libraries' log readers) read a Stampede run: one interval covering the run, one tag per metric
// and model (e.g. "http_req_duration", "ttft.gpt-4.1"), values in microseconds.
//
//   #[Histogram log format version 1.3]
//   #[StartTime: 1765108800.000 (seconds since epoch), 2025-12-07T12:00:00.000Z]
//   "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
//   Tag=http_req_duration,0.000,60.012,1843.200,HISTFAAA...      <- max in ms (unit ratio 1000)
//
// Each of our log-linear buckets (0.4 %) is recorded in a 3-significant-digit HdrHistogram at the
// value our own percentiles report for it (its midpoint, clamped to the exact min and max), so a
// percentile read back differs from ours by HdrHistogram's 0.1 % at most.

#include "metrics/histogram.h"
#include "metrics/stats.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace stampede::report {

/// The compressed V2 encoding of `histogram` (cookie 0x1c849314, zlib-deflated ZigZag-LEB128
/// counts), base64 as it appears in a log line.
QByteArray hdrCompressedBase64(const metrics::Histogram &histogram);
/// "ttft{model:gpt-4.1}" -> "ttft.gpt-4.1": no commas, no white space (a log tag ends at a comma).
QString hdrTag(const QString &histogramKey);
/// The whole log: the latency-like histograms of `summary` (microsecond ones; not output speed),
/// those with values only.
QByteArray hdrHistogramLog(const metrics::RunSummary &summary, const QDateTime &startedAt);

} // namespace stampede::report
