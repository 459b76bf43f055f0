#pragma once
// Process exit codes, k6-compatible where k6 has one.
namespace stampede::cli {
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 2,
    ExitRunFailed = 3, ///< the run could not start (gateway, URL) for a reason other than preflight
    ExitThresholdsFailed = 99, ///< k6: ThresholdsHaveFailed
    ExitInvalidScenario = 104, ///< k6: InvalidConfig
    ExitPreflightFailed = 105,
    ExitInterrupted = 130,
};
}
