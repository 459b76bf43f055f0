// The HdrHistogram interval log (issue 15): the V2 compressed encoding byte by byte, the log's
// lines and tags, and, where Debian's libhdrhistogram-java is installed, HdrHistogram's own
// HistogramLogProcessor reading our log back to the same counts and percentiles.

#include "reportfixture.h"

#include "report/hdrlog.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest/QTest>

using namespace stampede;

namespace {

constexpr char kJar[] = "/usr/share/java/hdrhistogram.jar";

metrics::Histogram knownHistogram()
{
    metrics::Histogram h;
    h.record(100, 500); // 0.1 ms
    h.record(2000, 300); // 2 ms
    h.record(150000, 199); // 150 ms
    h.record(2'500'000, 1); // 2.5 s
    return h;
}

std::int64_t getZigZag(const QByteArray &b, qsizetype &at)
{
    std::uint64_t v = 0;
    for (int i = 0; i < 9; ++i) {
        const std::uint8_t byte = std::uint8_t(b[at++]);
        if (i == 8) {
            v |= std::uint64_t(byte) << 56;
            break;
        }
        v |= std::uint64_t(byte & 0x7F) << (7 * i);
        if (!(byte & 0x80))
            break;
    }
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}

} // namespace

class TestHdrLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodingFollowsTheV2Layout()
    {
        const QByteArray compressed = QByteArray::fromBase64(report::hdrCompressedBase64(knownHistogram()));
        QCOMPARE(qFromBigEndian<quint32>(compressed.constData()), quint32(0x1c849314));
        const quint32 length = qFromBigEndian<quint32>(compressed.constData() + 4);
        QCOMPARE(qsizetype(length), compressed.size() - 8);
        QByteArray sized(4, '\0');
        qToBigEndian<quint32>(1 << 20, sized.data()); // qUncompress wants a size first
        const QByteArray encoded = qUncompress(sized + compressed.mid(8));
        QVERIFY(encoded.size() > 40);
        QCOMPARE(qFromBigEndian<quint32>(encoded.constData()), quint32(0x1c849313));
        QCOMPARE(qsizetype(qFromBigEndian<quint32>(encoded.constData() + 4)), encoded.size() - 40);
        QCOMPARE(qFromBigEndian<quint32>(encoded.constData() + 8), quint32(0)); // normalizing offset
        QCOMPARE(qFromBigEndian<quint32>(encoded.constData() + 12), quint32(3)); // significant digits
        QCOMPARE(qFromBigEndian<quint64>(encoded.constData() + 16), quint64(1));
        QCOMPARE(qFromBigEndian<quint64>(encoded.constData() + 24), quint64(3'600'000'000ULL));
        QCOMPARE(qFromBigEndian<quint64>(encoded.constData() + 32), quint64(0x3FF0000000000000ULL)); // 1.0
        // Counts: positive ones, negative runs of zeros; four values in four places.
        qsizetype at = 40;
        std::int64_t total = 0, index = 0, nonZero = 0, lastIndex = -1;
        while (at < encoded.size()) {
            const std::int64_t word = getZigZag(encoded, at);
            if (word < 0) {
                index -= word;
                continue;
            }
            if (word > 0) {
                total += word;
                ++nonZero;
                lastIndex = index;
            }
            ++index;
        }
        QCOMPARE(total, std::int64_t(1000));
        QCOMPARE(nonZero, std::int64_t(4));
        QCOMPARE(lastIndex + 1, index); // the payload ends at the highest value's count
    }

    void logLinesAndTags()
    {
        QCOMPARE(report::hdrTag(QStringLiteral("ttft{model:gpt-4.1}")), QStringLiteral("ttft.gpt-4.1"));
        QCOMPARE(report::hdrTag(QStringLiteral("ttft{model:my model, v2}")), QStringLiteral("ttft.my_model__v2"));
        const report::RunRecord record = test::syntheticRecord(200);
        const QByteArray log = report::hdrHistogramLog(record.summary, record.meta.startedAt);
        const QList<QByteArray> lines = log.split('\n');
        QCOMPARE(lines[0], QByteArray("#[Histogram log format version 1.3]"));
        QVERIFY(lines[1].startsWith("#[StartTime: 1735787045.000 (seconds since epoch), 2025-01-02T03:04:05.000Z]"));
        QVERIFY(log.contains(
            "\n\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n"));
        QVERIFY(log.contains("\nTag=http_req_duration,0.000,"));
        QVERIFY(log.contains("\nTag=ttft.alpha,0.000,"));
        QVERIFY(!log.contains("output_tokens_per_s")); // not a time
        for (const QByteArray &line : lines)
            QVERIFY2(line.isEmpty() || line.startsWith('#') || line.startsWith('"') || line.count(',') == 4, line);
    }

    void hdrHistogramsOwnToolReadsIt()
    {
        const QString java = QStandardPaths::findExecutable(QStringLiteral("java"));
        if (java.isEmpty() || !QFileInfo::exists(QLatin1StringView(kJar)))
            QSKIP("needs java and libhdrhistogram-java (Debian: default-jre-headless libhdrhistogram-java)");
        const report::RunRecord record = test::syntheticRecord(400);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.hlog"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(report::hdrHistogramLog(record.summary, record.meta.startedAt));
        file.close();
        for (const QString &key : { QStringLiteral("http_req_duration"), QStringLiteral("ttft{model:alpha}") }) {
            QProcess tool;
            tool.start(java,
                { QStringLiteral("-cp"), QLatin1StringView(kJar),
                    QStringLiteral("org.HdrHistogram.HistogramLogProcessor"), QStringLiteral("-i"), path,
                    QStringLiteral("-tag"), report::hdrTag(key), QStringLiteral("-outputValueUnitRatio"),
                    QStringLiteral("1000") });
            QVERIFY(tool.waitForFinished(60000));
            const QString output = QString::fromUtf8(tool.readAllStandardOutput());
            QVERIFY2(tool.exitCode() == 0, qPrintable(output + QString::fromUtf8(tool.readAllStandardError())));
            const metrics::Histogram &ours = record.summary.histograms[key];
            // "#[Max     =      153.215, Total count    =          400]"
            QVERIFY2(output.contains(QStringLiteral("Total count    = %1]").arg(ours.count(), 12)), qPrintable(output));
            // Percentile rows: "   value   percentile   total_count   1/(1-p)".
            for (double q : { 50.0, 90.0, 99.0 }) {
                double read = -1;
                for (const QString &row : output.split(QLatin1Char('\n'))) {
                    const QStringList cells = row.simplified().split(QLatin1Char(' '));
                    if (cells.size() >= 3 && !row.startsWith(QLatin1Char('#')) && cells[1].toDouble() >= q / 100 - 1e-9
                        && cells[0].toDouble() > 0) {
                        read = cells[0].toDouble();
                        break;
                    }
                }
                const double expected = ours.percentile(q) / 1000.0;
                QVERIFY2(qAbs(read - expected) <= expected * 0.01,
                    qPrintable(QStringLiteral("%1 p(%2): HdrHistogram read %3 ms, ours %4 ms")
                                   .arg(key)
                                   .arg(q)
                                   .arg(read)
                                   .arg(expected)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHdrLog)
#include "tst_hdrlog.moc"
