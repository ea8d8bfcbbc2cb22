package dev.solvent.oracle.feed;

/** The feed contract for a frozen feed; its behaviour against a staleness guard is in {@link ScenariosTest}. */
class FrozenFeedTest implements OracleFeedContract<PushFeed.State> {

    @Override
    public OracleFeed<PushFeed.State> feed() {
        return FeedFaults.frozen(PushFeed.chainlink(8, 50, 3600, 0), 1_200);
    }
}
