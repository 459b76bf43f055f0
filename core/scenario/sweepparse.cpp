// "load" of the "sweep" executor: read, written and checked here, so the whole life of the sweep's
// keys in a scenario file is in one place (model/sweep.h; docs/metrics.md, "Capacity: the sweep").

#include "scenario/duration.h"
#include "scenario/sections.h"

#include <cmath>
#include <limits>

namespace stampede::scenario::detail {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

void readStopWhen(const ObjectReader &load, model::SweepStop &stop)
{
    const Json *value = load.find("stop_when");
    if (!value)
        return;
    const ObjectReader reader(*value, load.pathOf("stop_when"), load.errors());
    reader.rejectUnknownKeys({ "slo", "slo_percentile", "thresholds", "error_rate", "achieved_below" });
    reader.read("slo", stop.slo);
    reader.read("slo_percentile", stop.sloPercentile);
    reader.read("thresholds", stop.thresholds);
    reader.read("error_rate", stop.errorRate);
    reader.read("achieved_below", stop.achievedBelow);
}

Json stopWhenJson(const model::SweepStop &stop)
{
    return Json { { "slo", stop.slo }, { "slo_percentile", numberToJson(stop.sloPercentile) },
        { "thresholds", stop.thresholds }, { "error_rate", numberToJson(stop.errorRate) },
        { "achieved_below", numberToJson(stop.achievedBelow) } };
}

/// min <= value <= max (NaN fails), else an error at `path`.
void inRange(double value, double min, double max, const QString &path, const QString &why, Errors &errors)
{
    if (!(value >= min && value <= max))
        errors.append({ path,
            QStringLiteral("must be between %1 and %2, got %3").arg(number(min), number(max), number(value)) + why });
}

void checkGrowth(const model::Sweep &sweep, Errors &errors)
{
    const QString unit = sweep.isVus() ? QStringLiteral("VUs") : QStringLiteral("requests/s");
    const QString what = sweep.isVus() ? QStringLiteral("VUs") : QStringLiteral("rate");
    if (sweep.increment != 0) {
        if (!(sweep.increment > 0))
            errors.append({ QStringLiteral("load.increment"),
                QStringLiteral("must be > 0 %1 (the %2 must grow from step to step), got %3")
                    .arg(unit, what, number(sweep.increment)) });
        else if (sweep.isVus() && std::trunc(sweep.increment) != sweep.increment)
            errors.append({ QStringLiteral("load.increment"),
                QStringLiteral("must be a whole number of VUs (a VU sweep adds whole VUs), got ")
                    + number(sweep.increment) });
        return;
    }
    if (!(sweep.factor > 1) || !(sweep.factor <= 100))
        errors.append({ QStringLiteral("load.factor"),
            QStringLiteral("must be greater than 1 (each step's %1 is the last one's times it) and at most 100, got %2")
                .arg(what, number(sweep.factor)) });
}

/// Keys that belong to the other kind of sweep (or to the open model only) are refused by path.
void checkLevelKeys(const ObjectReader &load, bool vus)
{
    const auto refuse = [&](std::string_view key, const QString &why) {
        if (load.find(key))
            load.errors().append({ load.pathOf(key), why });
    };
    if (!vus) {
        refuse("max_vus",
            QStringLiteral("applies only to a VU sweep (load.start_vus); a rate sweep (load.start_rate) is bounded by "
                           "load.max_rate"));
        return;
    }
    refuse("start_rate",
        QStringLiteral("give load.start_rate (a sweep of arrival rates) or load.start_vus (a sweep of VUs), not both"));
    refuse("max_rate",
        QStringLiteral("applies only to a rate sweep (load.start_rate); a VU sweep (load.start_vus) is bounded by "
                       "load.max_vus"));
    const QString closed = QStringLiteral(" does not apply to a VU sweep (load.start_vus): a closed model starts a "
                                          "request when a VU is free, it has no arrivals to cap or to space");
    refuse("max_in_flight", QStringLiteral("max_in_flight") + closed);
    refuse("arrival", QStringLiteral("arrival") + closed);
}

void checkStop(const model::SweepStop &stop, Errors &errors)
{
    const QString path = QStringLiteral("load.stop_when.");
    inRange(stop.sloPercentile, 1, 100, path + QStringLiteral("slo_percentile"), QString(), errors);
    inRange(stop.errorRate, 0, 1, path + QStringLiteral("error_rate"),
        QStringLiteral(" (a share of the step's requests: 0.05 is 5 %; 1 turns it off)"), errors);
    inRange(stop.achievedBelow, 0, 1, path + QStringLiteral("achieved_below"),
        QStringLiteral(" (a share of the offered rate: 0.10 is 10 %; 0 turns it off)"), errors);
}

} // namespace

void readSweep(const ObjectReader &load, model::Sweep &sweep)
{
    sweep.level = load.find("start_vus") ? model::SweepLevel::Vus : model::SweepLevel::Rate;
    checkLevelKeys(load, sweep.isVus());
    load.read("start_rate", sweep.startRate);
    load.read("start_vus", sweep.startVus);
    load.read("factor", sweep.factor);
    load.read("increment", sweep.increment);
    qint64 stepMs = sweep.stepDurationMs;
    load.readDuration("step_duration", stepMs);
    sweep.stepDurationMs = stepMs;
    load.read("max_steps", sweep.maxSteps);
    if (const Json *value = load.find("max_rate"); value && !value->is_null()) {
        double rate = 0;
        if (readNumber(*value, load.pathOf("max_rate"), load.errors(), rate))
            sweep.maxRate = rate;
    }
    if (const Json *value = load.find("max_vus"); value && !value->is_null()) {
        constexpr int unread = std::numeric_limits<int>::min(); // not a whole number: the read says so, once
        int vus = unread;
        load.read("max_vus", vus);
        if (vus != unread)
            sweep.maxVus = vus;
    }
    readStopWhen(load, sweep.stopWhen);
    load.read("stop_at_knee", sweep.stopAtKnee);
}

Json sweepValue(std::string_view key, const model::Sweep &sweep)
{
    if (key == "start_rate")
        return sweep.isVus() ? Json() : numberToJson(sweep.startRate);
    if (key == "start_vus")
        return sweep.isVus() ? Json(sweep.startVus) : Json();
    if (key == "factor")
        return sweep.increment > 0 ? Json() : numberToJson(sweep.factor);
    if (key == "increment")
        return sweep.increment > 0 ? numberToJson(sweep.increment) : Json();
    if (key == "step_duration")
        return formatDuration(sweep.stepDurationMs).toStdString();
    if (key == "max_steps")
        return sweep.maxSteps;
    if (key == "max_rate")
        return sweep.maxRate && !sweep.isVus() ? numberToJson(*sweep.maxRate) : Json();
    if (key == "max_vus")
        return sweep.maxVus && sweep.isVus() ? Json(*sweep.maxVus) : Json();
    if (key == "stop_when")
        return stopWhenJson(sweep.stopWhen);
    if (key == "stop_at_knee")
        return sweep.stopAtKnee;
    return Json();
}

namespace {

void checkRateLevels(const model::Sweep &sweep, double maxRatePerSecond, Errors &errors)
{
    if (!(sweep.startRate > 0) || !(sweep.startRate <= maxRatePerSecond))
        errors.append({ QStringLiteral("load.start_rate"),
            QStringLiteral("must be > 0 and at most %1 requests/s, got %2")
                .arg(number(maxRatePerSecond), number(sweep.startRate)) });
    if (sweep.maxRate && (!(*sweep.maxRate >= sweep.startRate) || !(*sweep.maxRate <= maxRatePerSecond)))
        errors.append({ QStringLiteral("load.max_rate"),
            QStringLiteral("must be at least start_rate (%1) and at most %2 requests/s, got %3")
                .arg(number(sweep.startRate), number(maxRatePerSecond), number(*sweep.maxRate)) });
}

void checkVuLevels(const model::Sweep &sweep, int machineVus, Errors &errors)
{
    if (sweep.startVus < 1 || sweep.startVus > machineVus)
        errors.append({ QStringLiteral("load.start_vus"),
            QStringLiteral("must be between 1 and %1 VUs (at most what one machine can run), got %2")
                .arg(machineVus)
                .arg(sweep.startVus) });
    if (sweep.maxVus && (*sweep.maxVus < sweep.startVus || *sweep.maxVus > machineVus))
        errors.append({ QStringLiteral("load.max_vus"),
            QStringLiteral("must be at least start_vus (%1) and at most %2 VUs, got %3")
                .arg(sweep.startVus)
                .arg(machineVus)
                .arg(*sweep.maxVus) });
}

} // namespace

void checkSweep(const model::Sweep &sweep, const SweepLimits &limits, Errors &errors)
{
    if (sweep.isVus())
        checkVuLevels(sweep, limits.maxVus, errors);
    else
        checkRateLevels(sweep, limits.maxRatePerSecond, errors);
    checkGrowth(sweep, errors);
    if (sweep.stepDurationMs < 1000 || sweep.stepDurationMs > 3600 * 1000)
        errors.append({ QStringLiteral("load.step_duration"),
            QStringLiteral("must be between 1s and 1h (a step's percentiles need requests to stand on), got ")
                + formatDuration(sweep.stepDurationMs) });
    if (sweep.maxSteps < 1 || sweep.maxSteps > 100)
        errors.append({ QStringLiteral("load.max_steps"),
            QStringLiteral("must be between 1 and 100, got ") + QString::number(sweep.maxSteps) });
    const double machine = sweep.isVus() ? double(limits.maxVus) : limits.maxRatePerSecond;
    const QString unit = sweep.isVus() ? QStringLiteral("VUs") : QStringLiteral("requests/s");
    const QString can = sweep.isVus() ? QStringLiteral("run") : QStringLiteral("send");
    const QString cap = sweep.isVus() ? QStringLiteral("max_vus") : QStringLiteral("max_rate");
    for (double level : sweep.levels()) {
        if (level > machine) {
            errors.append({ QStringLiteral("load.max_steps"),
                QStringLiteral("the sweep would reach %1 %2, more than one machine can %3 (at most %4); "
                               "set %5 or fewer max_steps")
                    .arg(number(level), unit, can, number(machine), cap) });
            break;
        }
    }
    checkStop(sweep.stopWhen, errors);
}

} // namespace stampede::scenario::detail
