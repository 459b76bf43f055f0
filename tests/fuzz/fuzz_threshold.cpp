// libFuzzer target: threshold keys and expressions. The scenario room checks them when a file is
// loaded (thresholdSyntaxError) and the metrics room parses them again when a run starts
// (parseThreshold): both must never crash, and must agree on what they accept, or a scenario
// that validates could fail at run time (or a good one be refused).
//
// Input: metric key, a NUL byte, expression (no NUL: the whole input is the expression).

#include "metrics/threshold.h"
#include "scenario/thresholdsyntax.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, const QString &key, const QString &expression, const QString &why)
{
    std::fprintf(stderr, "fuzz_threshold: %s\nkey: %s\nexpression: %s\nreason: %s\n", what, qPrintable(key),
        qPrintable(expression), qPrintable(why));
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = input.indexOf('\0');
    const QString key = nul < 0 ? QStringLiteral("http_req_duration") : QString::fromUtf8(input.first(nul));
    const QString expression = QString::fromUtf8(nul < 0 ? input : input.sliced(nul + 1));

    QString error;
    const auto parsedExpr = stampede::metrics::parseThresholdExpression(expression, &error);
    if (parsedExpr && std::isnan(parsedExpr->bound))
        fail("a NaN bound was accepted", key, expression, {});
    (void)stampede::metrics::parseMetricKey(key, &error);

    const auto parsed = stampede::metrics::parseThreshold(key, expression, &error);
    // The file check also wants a tagged model to be one of the scenario's: offer the one named.
    QStringList models { QStringLiteral("gpt-4.1") };
    if (parsed && !parsed->key.model.isEmpty())
        models.append(parsed->key.model);
    const std::optional<QString> keyError = stampede::scenario::metricKeySyntaxError(key, models);
    const std::optional<QString> syntaxError = stampede::scenario::thresholdSyntaxError(key, expression, models);
    if (keyError && !syntaxError)
        fail("the key is refused but the threshold is accepted", key, expression, *keyError);
    // Known and deliberate: the file check asks for 0 < N in p(N), run time also reads p(0).
    if (parsed && syntaxError && parsed->expr.aggregation != QStringLiteral("p(0)"))
        fail("run time accepts what the scenario check refuses", key, expression, *syntaxError);
    if (!parsed && !syntaxError)
        fail("the scenario check accepts what run time refuses", key, expression, error);
    return 0;
}
