// Writes the summary JSON of a synthetic one-hour run (3,600 seconds of history, four models and
// the "all" row, 500 failure groups: tests/core/report/longrun.h) and prints the time and size.
// For the memory of writing it, run it under heaptrack (docs/benchmarks.md):
//   heaptrack build/bench/tests/bench/stampede_summary_bench stream /tmp/summary.json
//   heaptrack build/bench/tests/bench/stampede_summary_bench document /tmp/summary.json
// "stream" is what Stampede does (report::saveSummaryJson); "document" builds the whole summary as
// one nlohmann document and dumps it, as it did before.
#include "longrun.h"

#include "report/summaryjson.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace stampede;

int main(int argc, char **argv)
{
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("stream");
    const QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("summary-bench.json");
    if (mode != QLatin1StringView("stream") && mode != QLatin1StringView("document")) {
        std::fprintf(stderr, "usage: stampede_summary_bench [stream|document] [FILE]\n");
        return 2;
    }
    const report::RunRecord record = test::oneHourRecord();
    const report::SummaryContext context { record.meta.scenario, record.meta.baseUrl, true, true };
    QElapsedTimer timer;
    timer.start();
    if (mode == QLatin1StringView("stream")) {
        const QString error = report::saveSummaryJson(path, record.summary, context);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    } else {
        QFile file(path);
        const std::string text = report::summaryToJson(record.summary, context).dump(2) + '\n';
        if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(file.errorString()));
            return 1;
        }
    }
    std::printf("%s: %lld seconds of history, %.1f MB written in %lld ms\n", qPrintable(mode),
        static_cast<long long>(record.summary.history.size()), double(QFileInfo(path).size()) / 1e6,
        static_cast<long long>(timer.elapsed()));
    return 0;
}
