#include "metrics/integrity.h"

#include "model/metricnames.h"

#include <algorithm>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

namespace {

struct CheckNames {
    IntegrityCheck check;
    QLatin1StringView name;
    QLatin1StringView metric;
};

constexpr std::array<CheckNames, allIntegrityChecks.size()> kCheckNames { {
    { IntegrityCheck::Substituted, "substituted"_L1, model::names::integritySubstituted },
    { IntegrityCheck::FakeStreaming, "fake_streaming"_L1, model::names::integrityFakeStreaming },
    { IntegrityCheck::UsageMismatch, "usage_mismatch"_L1, model::names::integrityUsageMismatch },
    { IntegrityCheck::Empty200, "empty_200"_L1, model::names::integrityEmpty200 },
    { IntegrityCheck::ToolArgsInvalid, "tool_args_invalid"_L1, model::names::integrityToolArgsInvalid },
} };

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

/// "2025-04-14", "20250414" or "0613" (MMDD, as gpt-4-0613).
bool isSnapshotDate(QStringView text)
{
    if (text.size() == 10)
        return allDigits(text.first(4)) && text[4] == u'-' && allDigits(text.sliced(5, 2)) && text[7] == u'-'
            && allDigits(text.sliced(8));
    return (text.size() == 8 || text.size() == 4) && allDigits(text);
}

QStringView withoutProvider(QStringView name)
{
    const qsizetype slash = name.lastIndexOf(u'/');
    return slash < 0 ? name : name.sliced(slash + 1);
}

} // namespace

QLatin1StringView integrityCheckName(IntegrityCheck check)
{
    return kCheckNames[std::size_t(check)].name;
}

QLatin1StringView integrityMetricName(IntegrityCheck check)
{
    return kCheckNames[std::size_t(check)].metric;
}

std::optional<IntegrityCheck> integrityCheckFromMetric(QStringView metric)
{
    for (const CheckNames &entry : kCheckNames) {
        if (metric == entry.metric)
            return entry.check;
    }
    return std::nullopt;
}

bool sameModel(const QString &requested, const QString &returned)
{
    if (returned.isEmpty())
        return true;
    QStringView want = requested;
    QStringView got = returned;
    // A router may drop or add its provider prefix ("openai/gpt-4.1" answered as "gpt-4.1"); two
    // different prefixes are two providers, compared as they are.
    if (want.contains(u'/') != got.contains(u'/')) {
        want = withoutProvider(want);
        got = withoutProvider(got);
    }
    if (got.compare(want, Qt::CaseInsensitive) == 0)
        return true;
    if (got.size() <= want.size() + 1 || !got.startsWith(want, Qt::CaseInsensitive))
        return false;
    const QChar separator = got[want.size()];
    return (separator == u'-' || separator == u'@') && isSnapshotDate(got.sliced(want.size() + 1));
}

std::int64_t localCompletionTokens(const RequestOutcome &o)
{
    return o.tokensEstimated ? o.completionTokens : o.completionTextTokens;
}

bool isSubstituted(const RequestOutcome &o, const QString &requestedModel)
{
    return o.succeeded() && !sameModel(requestedModel, o.modelReturned);
}

bool isFakeStreaming(const RequestOutcome &o)
{
    if (!o.succeeded() || !o.streamed || o.firstTokenNs < 0 || o.lastTokenNs < o.firstTokenNs)
        return false;
    return localCompletionTokens(o) >= kFakeStreamMinTokens && o.lastTokenNs - o.firstTokenNs < kFakeStreamMaxSpreadNs;
}

bool isUsageMismatch(const RequestOutcome &o)
{
    // Tool-call arguments are billed but not in the counted text: such answers are not judged.
    if (!o.succeeded() || o.tokensEstimated || o.completionTextTokens < 0 || o.finishReason == FinishReason::ToolCalls)
        return false;
    const double reported = double(o.completionTokens);
    const double local = double(o.completionTextTokens);
    if (std::max(reported, local) < double(kUsageMismatchMinTokens))
        return false;
    return reported > kUsageMismatchFactor * local || local > kUsageMismatchFactor * reported;
}

bool isEmpty200(const RequestOutcome &o)
{
    // No first token: no content, reasoning or tool-call delta at all.
    return o.succeeded() && o.httpStatus == 200 && o.firstTokenNs < 0;
}

bool hasInvalidToolCall(const RequestOutcome &o)
{
    return o.succeeded() && o.toolCallsInvalid > 0;
}

bool failsCheck(IntegrityCheck check, const RequestOutcome &o, const QString &requestedModel)
{
    switch (check) {
    case IntegrityCheck::Substituted:
        return isSubstituted(o, requestedModel);
    case IntegrityCheck::FakeStreaming:
        return isFakeStreaming(o);
    case IntegrityCheck::UsageMismatch:
        return isUsageMismatch(o);
    case IntegrityCheck::Empty200:
        return isEmpty200(o);
    case IntegrityCheck::ToolArgsInvalid:
        return hasInvalidToolCall(o);
    }
    return false;
}

QString finishReasonKey(FinishReason reason)
{
    // Built once: counting an outcome copies a shared string instead of allocating one.
    static const std::array<QString, 6> keys = [] {
        std::array<QString, 6> k;
        for (std::size_t i = 0; i < k.size(); ++i)
            k[i] = i == std::size_t(FinishReason::None) ? u"none"_s : finishReasonName(FinishReason(i));
        return k;
    }();
    return keys[std::min<std::size_t>(std::size_t(reason), keys.size() - 1)];
}

void IntegrityCounts::add(const RequestOutcome &o, const QString &requestedModel)
{
    if (!o.succeeded())
        return;
    ++finishReasons[finishReasonKey(o.finishReason)];
    for (IntegrityCheck check : allIntegrityChecks) {
        if (!failsCheck(check, o, requestedModel))
            continue;
        ++count(check);
        if (check == IntegrityCheck::Substituted)
            ++substitutedModels[o.modelReturned];
    }
}

bool IntegrityCounts::any() const
{
    return std::any_of(counts.begin(), counts.end(), [](std::int64_t n) { return n > 0; });
}

} // namespace stampede::metrics

namespace stampede::metrics {

QStringList integrityWarnings(const IntegrityCounts &counts, const QString &model, std::int64_t successes)
{
    QStringList lines;
    const auto line = [&](IntegrityCheck check, const QString &what, const QString &detail) {
        if (const std::int64_t n = counts.count(check))
            lines << u"%1: %2 in %3 of %4 answers (%5)"_s.arg(model, what).arg(n).arg(successes).arg(detail);
    };
    QStringList pairs;
    for (auto it = counts.substitutedModels.cbegin(); it != counts.substitutedModels.cend(); ++it)
        pairs << (model == "all"_L1 ? it.key() : model + u" -> "_s + it.key()) + u' ' + QString::number(it.value());
    line(IntegrityCheck::Substituted, u"model substituted"_s,
        (model == "all"_L1 ? u"returned "_s : QString()) + pairs.join(u", "_s));
    line(IntegrityCheck::FakeStreaming, u"fake streaming"_s,
        u"%1+ tokens delivered within %2 ms"_s.arg(kFakeStreamMinTokens).arg(kFakeStreamMaxSpreadNs / 1'000'000));
    line(IntegrityCheck::UsageMismatch, u"usage disagrees with the text"_s,
        u"completion_tokens off the local count by more than %1x"_s.arg(kUsageMismatchFactor));
    line(IntegrityCheck::Empty200, u"empty completion"_s, u"HTTP 200 with no content or tool call"_s);
    line(IntegrityCheck::ToolArgsInvalid, u"invalid tool call"_s,
        u"an undeclared function, or arguments that are not a JSON object"_s);
    return lines;
}

} // namespace stampede::metrics
