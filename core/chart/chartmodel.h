#pragma once
// One model of a run's charts, drawn by the dashboard (Qt Charts, live) and by the HTML report
// (SVG): the per-second history (metrics::SecondPoint) as named series, each with a stable key, a
// label, a unit, its colour from the one palette, and points (x in seconds, y). Only the drawing
// differs between the two; the points, their x, their reduction and their colours do not.
//
// Where a second is drawn: at its end. Second s covers [s, s + 1) of the run (a request counts in
// the second it ended), and its point is at x = s + 1, when that second is over: the live chart's
// newest point is "now", and the report's last point is at the run's end.
//
// append() costs O(new seconds x series): the dashboard feeds each snapshot's new seconds at 4 Hz
// whatever the run length; the report appends the whole history once. Every series keeps its
// points in a bounded SeriesBuffer; display() reduces them to the chart's width (chart/reduce.h).

#include "chart/palette.h"
#include "chart/reduce.h"
#include "chart/seriesbuffer.h"
#include "metrics/stats.h"
#include "scenario/plan.h"

#include <QStringList>

#include <array>

namespace stampede::chart {

/// The x of second `second`'s point: its end.
inline double xOf(std::int64_t second)
{
    return double(second) + 1.0;
}

struct Series {
    QString key; ///< stable: "<metric>[:<aggregation>][{model:<name>}]", e.g. "ttft:p(95){model:gpt-4.1}"
    QString label; ///< legend name, e.g. "p95", "achieved req/s", "gpt-4.1"
    QString shortLabel; ///< for a legend short of room, e.g. "req/s" (the chart's title says the rest); empty: label
    QString unit; ///< of y: "ms", "req/s", "tok/s", "errors/s", "VUs", "requests", "/s"
    Rgb color = 0;
    bool dashed = false; ///< planned and derived lines
    SeriesBuffer buffer;

    const QList<QPointF> &points() const { return buffer.points(); }
    /// The points reduced into buckets of `bucket` seconds (bucketFor()), by the series' own rule.
    QList<QPointF> display(double bucket) const { return reduced(points(), bucket, buffer.reduce()); }
};

class ChartModel
{
public:
    /// The percentiles of the latency series, in their order.
    static constexpr std::array<int, 4> kPercentiles { 50, 90, 95, 99 };

    /// `models`: the enabled models, SecondPoint::groups[i + 1] order. `plan`: the planned series'
    /// corners (may be empty: the per-second planned target is drawn instead).
    explicit ChartModel(const QStringList &models = {}, const scenario::Plan &plan = {});
    /// `plan` with the changes of Run ▸ Adjust load applied in order: the plan the run carried out.
    static scenario::Plan planAsRun(scenario::Plan plan, const QList<metrics::LoadChange> &changes);
    /// The planned series' corners after a change of load (the seconds already appended stay).
    void setPlan(const scenario::Plan &plan) { m_plan = plan; }
    static ChartModel fromHistory(
        const QStringList &models, const scenario::Plan &plan, const QList<metrics::SecondPoint> &history);

    /// Adds seconds after the last one appended (earlier or repeated seconds are skipped).
    void append(const QList<metrics::SecondPoint> &seconds);

    const QStringList &models() const { return m_models; }
    bool openModel() const { return m_plan.openModel; }
    std::int64_t lastSecond() const { return m_lastSecond; } ///< -1 before the first
    /// The x of the last point (0 before the first).
    double lastX() const { return m_lastSecond < 0 ? 0 : xOf(m_lastSecond); }

    // Series by group: 0 is every model, i + 1 model i.
    const Series &latency(int group, int percentileIndex) const; ///< http_req_duration p50..p99 of successes
    const Series &ttft(int group) const; ///< p95
    const Series &requests(int group) const; ///< finished requests per second
    const Series &tokens(int group) const; ///< completion tokens per second
    const Series &failures() const; ///< failed requests per second, every model
    /// Requests that met the SLO per second, every model; no points when no SLO was declared.
    const Series &goodput() const;
    const Series &vus() const;
    const Series &inFlight() const;
    const Series &dropped() const; ///< dropped iterations per second
    const Series &planned() const; ///< per-second planned VUs or req/s
    /// The planned series as drawn: the plan's corners when there is a plan, else planned().
    QList<QPointF> plannedPoints() const;
    /// Failures per second of each error class, in first-occurrence order. Every class series has
    /// the x positions of failures() (the zeros before its first second included), so they stack.
    const QList<Series> &errorClasses() const { return m_errors; }

    /// Every series, for lookups by key.
    const Series *find(const QString &key) const;
    /// "<metric>[:<aggregation>][{model:<name>}]" for `group` (0: no model filter).
    QString key(QLatin1StringView metric, const QString &aggregation, int group) const;

private:
    struct GroupSeries {
        std::array<Series, 4> latency;
        Series ttft, requests, tokens;
    };
    Series make(const QString &key, const QString &label, const QString &unit, Rgb color, Reduce reduce) const;
    void addErrorClass(const QString &errorKey);
    void appendSecond(const metrics::SecondPoint &point);

    QStringList m_models;
    scenario::Plan m_plan;
    std::int64_t m_lastSecond = -1;
    QList<GroupSeries> m_groups;
    Series m_failures, m_goodput, m_vus, m_inFlight, m_dropped, m_planned;
    QList<Series> m_errors;
};

} // namespace stampede::chart
