package kz.shekara.bench.soak;

/**
 * One minute's reading of the server under soak.
 *
 * @param elapsedSeconds wall seconds since the load began
 * @param heapAfterGcKb heap used after a full collection, KiB
 * @param rssKb resident set, KiB
 * @param fds open file descriptors
 * @param threads live threads
 * @param deviceEvents reports and chats the devices had sent
 * @param fuzzWrites writes of the fuzzing client
 * @param alerts alerts raised so far, every rule
 * @param rejections CoT input refused so far, every reason
 * @param load the machine's one-minute load average
 */
record SoakSample(long elapsedSeconds, long heapAfterGcKb, long rssKb, int fds, int threads, long deviceEvents,
                  long fuzzWrites, long alerts, long rejections, double load) {
}
