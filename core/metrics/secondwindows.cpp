#include "metrics/secondwindows.h"

#include <algorithm>

namespace stampede::metrics {

namespace {

constexpr std::int64_t nsPerSecond = 1'000'000'000;

std::int64_t secondOf(std::int64_t ns)
{
    return ns >= 0 ? ns / nsPerSecond : -((-ns + nsPerSecond - 1) / nsPerSecond);
}

} // namespace

struct SecondWindows::Window {
    struct Group {
        SecondPoint::Group point; ///< counters and errors; latency stats and sloMet filled on close
        std::int32_t sloMet = 0;
        Histogram latency, ttft, tpot, queue;
    };
    std::int64_t second = 0;
    bool hasGauges = false;
    int vus = 0;
    int inFlight = 0;
    double plannedTarget = 0;
    std::int64_t droppedTotal = 0;
    std::vector<Group> groups;
};

SecondWindows::SecondWindows(int groupCount, std::vector<bool> judged)
    : m_groupCount(groupCount)
    , m_judged(std::move(judged))
{
    m_judged.resize(std::size_t(groupCount), false);
}

SecondWindows::~SecondWindows() = default;

std::int64_t SecondWindows::lastOpenSecond() const
{
    return m_open.empty() ? -1 : m_open.back()->second;
}

SecondWindows::Window &SecondWindows::windowFor(std::int64_t second)
{
    auto pos = std::lower_bound(m_open.begin(), m_open.end(), second,
        [](const std::unique_ptr<Window> &w, std::int64_t s) { return w->second < s; });
    if (pos != m_open.end() && (*pos)->second == second)
        return **pos;
    std::unique_ptr<Window> window;
    if (m_free.empty()) {
        window = std::make_unique<Window>();
        window->groups.resize(std::size_t(m_groupCount));
    } else {
        window = std::move(m_free.back());
        m_free.pop_back();
    }
    window->second = second;
    return **m_open.insert(pos, std::move(window));
}

void SecondWindows::add(const RequestOutcome &outcome, int modelGroup, const OutcomeSamples &samples,
    const QString &error, double costUsd, bool metSlo)
{
    Window &window = windowFor(std::max(secondOf(outcome.endNs), m_nextToClose));
    auto addTo = [&](Window::Group &group) {
        SecondPoint::Group &p = group.point;
        p.promptTokens += outcome.promptTokens;
        p.completionTokens += outcome.completionTokens;
        p.costUsd += costUsd;
        if (outcome.cancelled()) {
            ++p.cancelled; // the user's stop: no request, failure or sample (GroupStats::cancelled)
            return;
        }
        ++p.requests;
        if (metSlo)
            ++group.sloMet;
        if (outcome.succeeded()) {
            ++p.successes;
        } else {
            ++p.failures;
            ++p.errors[error];
        }
        const std::pair<Histogram *, Trend> recorded[] = { { &group.latency, Trend::Duration },
            { &group.ttft, Trend::Ttft }, { &group.tpot, Trend::Tpot }, { &group.queue, Trend::Queue } };
        for (const auto &[histogram, trend] : recorded) {
            if (samples[trend] != OutcomeSamples::none)
                histogram->record(std::uint64_t(samples[trend]));
        }
    };
    addTo(window.groups[0]);
    if (modelGroup > 0 && modelGroup < m_groupCount)
        addTo(window.groups[std::size_t(modelGroup)]);
}

void SecondWindows::setGauges(
    std::int64_t nowNs, int vus, int inFlight, std::int64_t droppedTotal, double plannedTarget)
{
    const std::int64_t second = secondOf(nowNs);
    if (second < m_nextToClose)
        return; // that second has been emitted; the value still reaches the snapshot
    Window &window = windowFor(second);
    window.hasGauges = true;
    window.vus = vus;
    window.inFlight = inFlight;
    window.plannedTarget = plannedTarget;
    window.droppedTotal = droppedTotal;
}

void SecondWindows::closeThrough(std::int64_t lastSecond, QList<SecondPoint> &out)
{
    for (; m_nextToClose <= lastSecond; ++m_nextToClose)
        out.append(takePoint(m_nextToClose));
}

SecondPoint SecondWindows::takePoint(std::int64_t second)
{
    SecondPoint point;
    point.second = second;
    Window *window = !m_open.empty() && m_open.front()->second == second ? m_open.front().get() : nullptr;
    if (window && window->hasGauges) {
        m_lastVus = window->vus;
        m_lastInFlight = window->inFlight;
        m_lastPlanned = window->plannedTarget;
        point.dropped = std::max<std::int64_t>(0, window->droppedTotal - m_droppedBase);
        m_droppedBase = std::max(m_droppedBase, window->droppedTotal);
    }
    point.vus = m_lastVus;
    point.inFlight = m_lastInFlight;
    point.plannedTarget = m_lastPlanned;
    point.groups.resize(m_groupCount);
    for (int g = 0; g < m_groupCount; ++g)
        point.groups[g].sloMet = m_judged[std::size_t(g)] ? 0 : -1;
    if (!window)
        return point;
    for (int g = 0; g < m_groupCount; ++g) {
        Window::Group &group = window->groups[std::size_t(g)];
        SecondPoint::Group &p = point.groups[g];
        p = std::move(group.point);
        p.sloMet = m_judged[std::size_t(g)] ? group.sloMet : -1;
        p.latency = SecondLatency::fromHistogram(group.latency);
        p.ttft = SecondLatency::fromHistogram(group.ttft);
        p.tpot = SecondLatency::fromHistogram(group.tpot);
        p.queue = SecondLatency::fromHistogram(group.queue);
    }
    std::unique_ptr<Window> closed = std::move(m_open.front());
    m_open.erase(m_open.begin());
    recycle(std::move(closed));
    return point;
}

void SecondWindows::recycle(std::unique_ptr<Window> window)
{
    // Two or three seconds are open at once in a live run; keep as many for reuse, free the rest
    // (a burst of far-apart end times must not pin its windows for the rest of the run).
    constexpr std::size_t keptForReuse = 3;
    if (m_free.size() >= keptForReuse)
        return;
    window->hasGauges = false;
    for (Window::Group &group : window->groups) {
        group.point = SecondPoint::Group();
        group.sloMet = 0;
        for (Histogram *h : { &group.latency, &group.ttft, &group.tpot, &group.queue }) {
            if (h->count())
                h->reset();
        }
    }
    m_free.push_back(std::move(window));
}

} // namespace stampede::metrics
