// The price formula: prompt x input price + completion x output price, $ per million tokens.

#include "model/price.h"

#include <QTest>

using stampede::model::Price;

class TestModelPrice : public QObject
{
    Q_OBJECT

private slots:
    void cost()
    {
        QCOMPARE((Price { 8.0, 8.0 }.cost(1000, 500)), 0.012);
        QCOMPARE((Price { 2.0, 8.0 }.cost(1'000'000, 1'000'000)), 10.0);
        QCOMPARE(Price {}.cost(1000, 1000), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestModelPrice)
#include "tst_price.moc"
