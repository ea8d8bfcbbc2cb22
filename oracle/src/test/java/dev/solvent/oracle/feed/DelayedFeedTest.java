package dev.solvent.oracle.feed;

/** The feed contract for a delayed feed; its behaviour against a live feed is in {@link ScenariosTest}. */
class DelayedFeedTest implements OracleFeedContract<DelayedFeed.State<PushFeed.State>> {

    @Override
    public OracleFeed<DelayedFeed.State<PushFeed.State>> feed() {
        return FeedFaults.delayed(PushFeed.chainlink(8, 50, 3600, 0), 5);
    }
}
