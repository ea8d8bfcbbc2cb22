// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// The interface that Chainlink price feed proxies implement, as published by Chainlink.
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(uint80 _roundId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// A price feed for tests: its owner writes any round, with any answer and timestamps, so that a test can
/// make the stale, non-positive and incomplete rounds a real feed can return. Not for production.
contract TestAggregator is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool pushed;
    }

    error NotOwner();

    event RoundPushed(uint80 indexed roundId, int256 answer, uint256 updatedAt);

    address public immutable owner;
    uint8 public immutable override decimals;
    string private feedDescription;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    constructor(uint8 decimals_, string memory description_) {
        owner = msg.sender;
        decimals = decimals_;
        feedDescription = description_;
    }

    function description() external view override returns (string memory) {
        return feedDescription;
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    /// Writes round `roundId`; it becomes the latest round when its id is the highest so far.
    function pushRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
    {
        if (msg.sender != owner) revert NotOwner();
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound, true);
        if (roundId > latestRound) latestRound = roundId;
        emit RoundPushed(roundId, answer, updatedAt);
    }

    /// Reverts with "No data present" for a round never written, as Chainlink's FluxAggregator does.
    function getRoundData(uint80 _roundId)
        public
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = rounds[_roundId];
        require(r.pushed, "No data present");
        return (_roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// Before the first round, returns all zeros (an incomplete round), as an OCR aggregator does.
    function latestRoundData()
        external
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = rounds[latestRound];
        return (latestRound, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
