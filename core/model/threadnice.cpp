#include "model/threadnice.h"

#include <QThread>

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

namespace stampede::model {

void raiseNiceOnStart(QThread *thread, int nice)
{
    if (nice <= 0)
        return;
    QObject::connect(
        thread, &QThread::started, thread,
        [nice] {
            const auto tid = static_cast<id_t>(gettid());
            const int current = getpriority(PRIO_PROCESS, tid);
            setpriority(PRIO_PROCESS, tid, std::min(19, current + nice));
        },
        Qt::DirectConnection);
}

} // namespace stampede::model
