#pragma once
// The runs of this session, newest last: what the "Runs" panel lists and what can be reopened in
// the dashboard. Keeps each run's RunInfo and RunSummary in memory. Lives on the GUI thread.

#include "engine/runinfo.h"
#include "metrics/stats.h"

#include <QAbstractListModel>

#include <optional>

namespace stampede::ui {

struct RunRecord {
    int number = 0; ///< 1-based, in start order
    engine::RunInfo info;
    std::optional<metrics::RunSummary> summary; ///< set when the run finished
    QString failure; ///< set when the run failed after it started
    QString runDir; ///< its run folder once summary.json is written (empty: not recorded)
    bool isLive() const { return !summary && failure.isEmpty(); }
};

class RunListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        TitleRole = Qt::UserRole + 1, ///< "#2  Seed mix — simulated gateway"
        SubtitleRole, ///< "14:02:11 · completed · 1,234 req · p95 812 ms"
        StatusRole, ///< Status as int
        RequestsRole, ///< qint64, finished requests (0 while live)
        P95Role, ///< double ms, overall http_req_duration p95 (0 while live)
        StartedRole, ///< QDateTime (UTC)
    };
    /// How a run ended, for colouring and sorting out what can be reopened.
    enum class Status { Live, Passed, ThresholdsFailed, Stopped, Failed };
    Q_ENUM(Status)

    using QAbstractListModel::QAbstractListModel;

    /// Appends a live run; returns its row.
    int addRun(const engine::RunInfo &info);
    void finishRun(int row, const metrics::RunSummary &summary);
    void failRun(int row, const QString &message);
    void setRunDir(int row, const QString &dir);
    void clear();

    const RunRecord &run(int row) const { return m_runs.at(row); }
    Status status(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QString title(const RunRecord &run) const;
    QString subtitle(const RunRecord &run) const;
    QString toolTip(const RunRecord &run) const;

    QList<RunRecord> m_runs;
    int m_nextNumber = 1;
};

} // namespace stampede::ui
