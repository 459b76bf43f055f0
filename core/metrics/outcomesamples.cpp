#include "metrics/outcomesamples.h"

namespace stampede::metrics {

namespace {

/// from -> to in whole microseconds (rounded), or none when either event is missing or out of order.
std::int64_t spanUs(std::int64_t fromNs, std::int64_t toNs)
{
    if (fromNs < 0 || toNs < 0 || toNs < fromNs)
        return OutcomeSamples::none;
    return (toNs - fromNs + 500) / 1000;
}

std::int64_t tpotUs(const RequestOutcome &o)
{
    if (o.completionTokens < 2 || o.firstTokenNs < 0 || o.lastTokenNs < o.firstTokenNs)
        return OutcomeSamples::none;
    const double perToken = double(o.lastTokenNs - o.firstTokenNs) / double(o.completionTokens - 1);
    return std::int64_t(perToken / 1000.0 + 0.5);
}

/// completion tokens / (end - first token) for streams, / (end - sent) otherwise; milli-tokens/s.
std::int64_t outputSpeedMilli(const RequestOutcome &o)
{
    if (o.completionTokens <= 0 || o.endNs < 0)
        return OutcomeSamples::none;
    const std::int64_t from = o.firstTokenNs >= 0 ? o.firstTokenNs : o.sentNs;
    if (from < 0 || o.endNs <= from)
        return OutcomeSamples::none;
    return std::int64_t(double(o.completionTokens) * 1e12 / double(o.endNs - from) + 0.5);
}

} // namespace

OutcomeSamples OutcomeSamples::of(const RequestOutcome &o)
{
    OutcomeSamples s;
    s.values.fill(none);
    const bool ok = o.succeeded();
    auto set = [&s](Trend trend, std::int64_t value) { s.values[std::size_t(trend)] = value; };
    set(Trend::DurationAll, spanUs(o.sentNs, o.endNs));
    set(Trend::Queue, spanUs(o.scheduledNs, o.sentNs));
    set(Trend::Ttfb, spanUs(o.sentNs, o.firstByteNs));
    if (!ok)
        return s;
    set(Trend::Duration, spanUs(o.sentNs, o.endNs));
    set(Trend::Scheduled, spanUs(o.scheduledNs, o.endNs));
    set(Trend::Ttft, spanUs(o.sentNs, o.firstTokenNs));
    set(Trend::Tpot, tpotUs(o));
    set(Trend::OutputSpeed, outputSpeedMilli(o));
    return s;
}

} // namespace stampede::metrics
