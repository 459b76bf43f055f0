#include "report/merge.h"

#include "report/jsonread.h"
#include "report/summaryload.h"

#include <QFile>

namespace stampede::report {

void mergeHistograms(QMap<QString, metrics::Histogram> &into, const QMap<QString, metrics::Histogram> &from)
{
    for (auto it = from.cbegin(); it != from.cend(); ++it)
        into[it.key()].merge(it.value());
}

std::optional<MergedRuns> mergeSummaryFiles(const QStringList &paths, QString *error)
{
    MergedRuns merged;
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = path + QStringLiteral(": ") + file.errorString();
            return std::nullopt;
        }
        const QByteArray bytes = file.readAll();
        const auto j = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
        const QMap<QString, metrics::Histogram> histograms
            = j.is_object() ? histogramsFromJson(j) : decltype(histograms)();
        if (histograms.isEmpty()) {
            *error = path + QStringLiteral(": no histograms (write it with stampede run --json or a run folder)");
            return std::nullopt;
        }
        mergeHistograms(merged.histograms, histograms);
        merged.requests += jsonValue<std::int64_t>(j, { "overall", "requests" }, 0);
        merged.failures += jsonValue<std::int64_t>(j, { "overall", "failures" }, 0);
        merged.cancelled += jsonValue<std::int64_t>(j, { "overall", "cancelled" }, 0);
        merged.completionTokens += jsonValue<std::int64_t>(j, { "overall", "completion_tokens" }, 0);
        merged.costUsd += jsonValue<double>(j, { "overall", "cost_usd" }, 0);
        ++merged.runs;
    }
    return merged;
}

} // namespace stampede::report
