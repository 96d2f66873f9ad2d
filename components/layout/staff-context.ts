"use client";
import { createContext, useContext } from "react";
import type { Staff } from "@/lib/auth/current-user";

export const StaffContext = createContext<Staff | null>(null);

export function useStaff() {
  const staff = useContext(StaffContext);
  if (!staff) throw new Error("useStaff outside the dashboard");
  return { ...staff, can: (p: "read" | "write" | "manage_keys") => staff.permissions.includes(p) };
}
