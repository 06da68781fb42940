"""The AI assistant: drafts of brand names, slogans, 内涵释义 and critiques from a provider."""
