"""The API endpoints, one ``APIView`` per endpoint (HackSoft style), grouped by the app they read."""
