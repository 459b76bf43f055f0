#pragma once
// The runs the "Runs" panel lists and the dashboard can show again: this session's, in start
// order (rows never move: new runs are appended), and the finished runs of earlier sessions read
// back from their run folders (RunHistory), appended as they arrive. The panel sorts newest first.
// Keeps each run's report::RunRecord (description, summary, folder) in memory. Lives on the GUI thread.

#include "metrics/stats.h"
#include "model/runlifecycle.h"
#include "model/runverdict.h"
#include "report/runrecord.h"

#include <QAbstractListModel>

#include <optional>

namespace stampede::ui {

/// A run of this session: the report's record of it (the run's description from its start, its
/// summary once it finished, its folder once summary.json is written) and where it stands.
struct SessionRun {
    int number = 0; ///< 1-based, in start order; 0 for a run of an earlier session (read from its folder)
    report::RunRecord record;
    bool finished = false; ///< record.summary is the run's summary
    QString failure; ///< set when the run failed after it started
    bool isLive() const { return !finished && failure.isEmpty(); }
    const report::RunMeta &meta() const { return record.meta; }
    const metrics::RunSummary *summary() const { return finished ? &record.summary : nullptr; }
    QString runDir() const { return record.runDir.value_or(QString()); } ///< empty: not recorded (yet)
    bool fromDisk() const { return number == 0; }
};

class RunListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        TitleRole = Qt::UserRole + 1, ///< "#2  Seed mix — simulated gateway"
        SubtitleRole, ///< "14:02:11 · completed · 1,234 req · p95 812 ms"
        PhaseRole, ///< model::RunPhase as int: Running (live), Finished or Failed
        VerdictRole, ///< model::RunVerdict::Kind as int (once Finished)
        RequestsRole, ///< qint64, finished requests (0 while live)
        P95Role, ///< double ms, overall http_req_duration p95 (0 while live)
        StartedRole, ///< QDateTime (UTC)
        FailedShareRole, ///< double, failures / requests of a finished run (0 while live)
        TagsRole, ///< QStringList, the user's tags (the run folder's tags.json)
        FilterTextRole, ///< what the panel's filter matches: title, subtitle, tags, target, folder
        LoadLineRole, ///< "built-in gateway · peak 40 req/s · 2m 30s · ramping-arrival-rate"
        NameRole, ///< the scenario's name (sorting by name)
        BaselineRole, ///< bool: the run is its scenario's baseline (setBaselineFolders)
    };
    using QAbstractListModel::QAbstractListModel;

    /// Appends a live run; returns its row.
    int addRun(const report::RunMeta &info);
    void finishRun(int row, const metrics::RunSummary &summary);
    void failRun(int row, const QString &message);
    void setRunDir(int row, const QString &dir);
    void setTags(int row, const QStringList &tags);
    /// Removes a finished or failed run (Delete Run); a live run's row never moves, so it is refused.
    bool removeRun(int row);
    /// Appends a finished run read from its folder (an earlier session's, or File > Open Run…).
    int addRecord(const report::RunRecord &record);
    /// The row of the run recorded in `dir` (same absolute path), or -1.
    int rowOfFolder(const QString &dir) const;
    /// The run folders marked as a baseline (any scenario's): their rows get the "baseline" badge.
    void setBaselineFolders(const QStringList &dirs);
    void clear();

    const SessionRun &run(int row) const { return m_runs.at(row); }
    /// Running while live, then Finished or Failed (failed after it started).
    model::RunPhase phase(int row) const;
    /// How a finished run came out (meaningless before it finished).
    model::RunVerdict verdict(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QString title(const SessionRun &run) const;
    QString subtitle(const SessionRun &run) const;
    QString toolTip(const SessionRun &run) const;
    QString loadLine(const SessionRun &run) const;
    bool isBaseline(const SessionRun &run) const;

    QList<SessionRun> m_runs;
    QStringList m_baselineFolders; ///< absolute paths
    int m_nextNumber = 1;
};

} // namespace stampede::ui
