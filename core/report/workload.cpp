#include "report/workload.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace stampede::report {

namespace {

/// A whole number with thousands separators ("2,000").
QString number(double value)
{
    return QLocale(QLocale::English).toString(qint64(std::llround(value)));
}

} // namespace

QString tokenDistributionText(const scenario::TokenDistribution &d)
{
    using Kind = scenario::TokenDistribution::Kind;
    switch (d.kind) {
    case Kind::Fixed:
        return QStringLiteral("%1 tokens each").arg(number(d.mean));
    case Kind::Uniform:
        return QStringLiteral("uniform %1–%2 tokens").arg(number(d.min), number(d.max));
    case Kind::Normal:
        return QStringLiteral("normal, mean %1, sd %2 tokens").arg(number(d.mean), number(d.stddev));
    case Kind::Histogram:
        return QStringLiteral("a histogram of %1 lengths, mean %2 tokens").arg(d.buckets.size()).arg(number(d.mean));
    }
    return {};
}

QStringList workloadDescription(const scenario::Scenario &s)
{
    QStringList lines;
    const scenario::Prompts &p = s.prompts;
    if (p.dataset)
        lines << QStringLiteral("Prompts from the dataset %1, %2.")
                     .arg(p.dataset->path,
                         p.dataset->random ? QStringLiteral("a seeded random sample") : QStringLiteral("line by line"));
    else if (p.synthetic)
        lines << QStringLiteral("%1 synthetic prompts (seed %2): input %3%4.")
                     .arg(p.synthetic->count)
                     .arg(p.synthetic->seed)
                     .arg(tokenDistributionText(p.synthetic->inputTokens),
                         p.synthetic->outputTokens ? QStringLiteral("; max_tokens drawn per prompt, ")
                                 + tokenDistributionText(*p.synthetic->outputTokens)
                                                   : QString());
    else
        lines << QStringLiteral("%1 user prompt%2, picked at random.")
                     .arg(p.user.size())
                     .arg(p.user.size() == 1 ? QString() : QStringLiteral("s"));
    lines << (p.system.isEmpty() ? QStringLiteral("No system prompt.")
                                 : QStringLiteral("A system prompt of %1 characters.").arg(p.system.size()));
    if (s.conversation)
        lines << QStringLiteral(
            "Conversations of %1 turns%2: each turn sends the history, the model's replies included.")
                     .arg(s.conversation->turns)
                     .arg(s.conversation->maxContextTokens ? QStringLiteral(", ended before a prompt passes %1 tokens")
                                                                 .arg(number(*s.conversation->maxContextTokens))
                                                           : QString());
    if (p.sharedPrefix)
        lines << QStringLiteral("%1% of requests start with one of %2 shared prefixes of %3 tokens.")
                     .arg(number(p.sharedPrefix->share * 100))
                     .arg(p.sharedPrefix->count)
                     .arg(number(p.sharedPrefix->tokens));
    if (s.tools) {
        QStringList names;
        for (const scenario::ToolFunction &f : s.tools->functions)
            names << f.name;
        lines << QStringLiteral("Every request declares %1 function%2 (%3), tool choice %4.")
                     .arg(names.size())
                     .arg(names.size() == 1 ? QString() : QStringLiteral("s"), names.join(QStringLiteral(", ")),
                         s.tools->choice);
    }
    QStringList caps;
    for (const scenario::ModelSpec &m : s.enabledModels())
        caps << QStringLiteral("%1 %2").arg(m.model, number(m.maxTokens));
    if (!caps.isEmpty())
        lines << QStringLiteral("max_tokens: %1%2.")
                     .arg(caps.join(QStringLiteral(", ")),
                         p.synthetic && p.synthetic->outputTokens ? QStringLiteral(" (unless a prompt sets its own)")
                             : p.dataset ? QStringLiteral(" (unless a dataset line sets its own)")
                                         : QString());
    return lines;
}

QString tokenBucketLabel(int bucket, std::int64_t max)
{
    using H = metrics::TokenLengthHistogram;
    const QLocale en(QLocale::English);
    if (bucket <= 0)
        return QStringLiteral("0");
    const std::int64_t low = H::bucketLow(bucket);
    const std::int64_t high = bucket == H::kBuckets - 1 ? std::max(max, H::bucketHigh(bucket)) : H::bucketHigh(bucket);
    return low == high ? en.toString(qint64(low))
                       : en.toString(qint64(low)) + QChar(0x2013) + en.toString(qint64(high));
}

QString tokenLengthSummary(const metrics::TokenLengthHistogram &h)
{
    if (h.count == 0)
        return QStringLiteral("-");
    const QLocale en(QLocale::English);
    return QStringLiteral("mean %1 (%2%3%4)")
        .arg(en.toString(qint64(std::llround(h.mean()))), en.toString(qint64(h.min)), QString(QChar(0x2013)),
            en.toString(qint64(h.max)));
}

} // namespace stampede::report
