"""Classroom exercises: session folders, private role briefs, signed results and the debrief."""
