#include "chart/seriesbuffer.h"

#include <algorithm>

namespace stampede::chart {

namespace {

constexpr int kInitialBucket = 10; ///< raw seconds per reduced bucket when reduction starts

} // namespace

SeriesBuffer::SeriesBuffer(Reduce reduce, int fullCapacity, int olderCapacity)
    : m_reduce(reduce)
    , m_fullCapacity(std::max(1, fullCapacity))
    , m_olderCapacity(std::max(4, olderCapacity))
    , m_bucket(kInitialBucket)
{
}

void SeriesBuffer::append(double x, double y)
{
    m_full.append(QPointF(x, y));
    if (m_full.size() > m_fullCapacity)
        addToOlder(m_full.takeFirst());
    m_cacheValid = false;
}

void SeriesBuffer::clear()
{
    m_older.clear();
    m_full.clear();
    m_bucket = kInitialBucket;
    m_lastFill = m_lastPoints = 0;
    m_cache.clear();
    m_cacheValid = true;
}

const QList<QPointF> &SeriesBuffer::points() const
{
    if (!m_cacheValid) {
        if (m_older.isEmpty()) {
            m_cache = m_full; // implicitly shared, no copy
        } else {
            m_cache.clear();
            m_cache.reserve(size());
            m_cache.append(m_older);
            m_cache.append(m_full);
        }
        m_cacheValid = true;
    }
    return m_cache;
}

QPointF SeriesBuffer::last() const
{
    if (!m_full.isEmpty())
        return m_full.constLast();
    return m_older.isEmpty() ? QPointF() : m_older.constLast();
}

SeriesBuffer SeriesBuffer::zerosLike(const SeriesBuffer &other)
{
    SeriesBuffer copy = other;
    for (QList<QPointF> *list : { &copy.m_older, &copy.m_full }) {
        for (QPointF &p : *list)
            p.setY(0);
    }
    copy.m_cacheValid = false;
    return copy;
}

void SeriesBuffer::addToOlder(const QPointF &p)
{
    if (m_lastFill > 0 && m_lastFill < m_bucket) {
        mergeIntoLastBucket(p);
    } else {
        m_older.append(p);
        m_lastFill = m_lastPoints = 1;
    }
    if (m_older.size() > m_olderCapacity)
        halveOlder();
}

void SeriesBuffer::mergeIntoLastBucket(const QPointF &p)
{
    if (m_reduce == Reduce::Mean) {
        // Running mean of x and y: buffers fed the same x values keep the same x positions.
        QPointF &mean = m_older.last();
        const double n = m_lastFill;
        mean = QPointF((mean.x() * n + p.x()) / (n + 1), (mean.y() * n + p.y()) / (n + 1));
        ++m_lastFill;
        return;
    }
    QList<QPointF> candidates = m_older.mid(m_older.size() - m_lastPoints);
    candidates.append(p);
    m_older.remove(m_older.size() - m_lastPoints, m_lastPoints);
    const qsizetype before = m_older.size();
    reduceInto(candidates.constData(), candidates.constData() + candidates.size(), Reduce::MinMax, m_older);
    m_lastPoints = int(m_older.size() - before);
    ++m_lastFill;
}

void SeriesBuffer::halveOlder()
{
    const qsizetype group = m_reduce == Reduce::MinMax ? 4 : 2;
    QList<QPointF> halved;
    halved.reserve(m_older.size() / 2 + group);
    for (qsizetype from = 0; from < m_older.size(); from += group) {
        const QPointF *begin = m_older.constData() + from;
        reduceInto(begin, begin + std::min(group, m_older.size() - from), m_reduce, halved);
    }
    m_older = std::move(halved);
    m_bucket *= 2;
    m_lastFill = m_lastPoints = 0; // the next point opens a bucket of the new size
}

} // namespace stampede::chart
