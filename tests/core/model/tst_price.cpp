// The price formula: prompt x input price + completion x output price + cache reads and writes at
// their own prices (the input price when the scenario states none), $ per million tokens.

#include "model/price.h"

#include <QTest>

using stampede::model::Price;

namespace {
Price price(double input, double output)
{
    Price p;
    p.inputPerMTok = input;
    p.outputPerMTok = output;
    return p;
}
} // namespace

class TestModelPrice : public QObject
{
    Q_OBJECT

private slots:
    void cost()
    {
        QCOMPARE(price(8.0, 8.0).cost(1000, 500), 0.012);
        QCOMPARE(price(2.0, 8.0).cost(1'000'000, 1'000'000), 10.0);
        QCOMPARE(Price {}.cost(1000, 1000), 0.0);
    }

    void cacheTokens()
    {
        Price p = price(3.0, 15.0);
        // No cache prices: cache tokens cost what input tokens cost.
        QCOMPARE(p.cost(0, 0, 1'000'000, 0), 3.0);
        QCOMPARE(p.cost(0, 0, 0, 1'000'000), 3.0);
        p.cacheReadPerMTok = 0.30;
        p.cacheWritePerMTok = 3.75;
        QCOMPARE(p.cost(1'000'000, 1'000'000, 1'000'000, 1'000'000), 3.0 + 15.0 + 0.30 + 3.75);
    }
};

QTEST_GUILESS_MAIN(TestModelPrice)
#include "tst_price.moc"
